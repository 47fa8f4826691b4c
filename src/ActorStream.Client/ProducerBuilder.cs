using ActorStream.Client.Network;
using ActorStream.Client.Producing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Client;

/// <summary>
/// Builds an <see cref="IProducer{TKey,TValue}"/> (the shape of Confluent.Kafka's ProducerBuilder).
/// Keys and values of type string, byte[], int, long and <see cref="Null"/> get the built-in
/// serializers unless others are set. Not thread-safe.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public class ProducerBuilder<TKey, TValue>
{
    private static int s_producerCount;

    private readonly ProducerConfig _config;
    private ISerializer<TKey>? _keySerializer;
    private ISerializer<TValue>? _valueSerializer;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private TimeProvider _timeProvider = TimeProvider.System;
    private IInProcessBroker? _inProcessBroker;

    /// <summary>Creates a builder over producer properties (Kafka names; unknown keys throw <see cref="ArgumentException"/>).</summary>
    /// <param name="config">The properties, e.g. a <see cref="ProducerConfig"/>.</param>
    public ProducerBuilder(IEnumerable<KeyValuePair<string, string>> config) => _config = new ProducerConfig(config);

    /// <summary>Sets the key serializer.</summary>
    /// <param name="serializer">The serializer.</param>
    public ProducerBuilder<TKey, TValue> SetKeySerializer(ISerializer<TKey> serializer)
    {
        _keySerializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        return this;
    }

    /// <summary>Sets the value serializer.</summary>
    /// <param name="serializer">The serializer.</param>
    public ProducerBuilder<TKey, TValue> SetValueSerializer(ISerializer<TValue> serializer)
    {
        _valueSerializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
        return this;
    }

    /// <summary>
    /// Connects to <paramref name="broker"/>, a broker in this process (an embedded node), instead of
    /// over TCP: every connection, to the bootstrap address and to every broker that Metadata names,
    /// goes to it. <c>bootstrap.servers</c> is then optional. The client's behaviour is otherwise unchanged.
    /// </summary>
    /// <param name="broker">The in-process broker.</param>
    public ProducerBuilder<TKey, TValue> UseInProcess(IInProcessBroker broker)
    {
        _inProcessBroker = broker ?? throw new ArgumentNullException(nameof(broker));
        return this;
    }

    /// <summary>Sets where the producer logs (connections, retries, failures).</summary>
    /// <param name="loggerFactory">The logger factory.</param>
    public ProducerBuilder<TKey, TValue> SetLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>Sets the clock for timeouts, linger and record timestamps (tests).</summary>
    /// <param name="timeProvider">The clock.</param>
    public ProducerBuilder<TKey, TValue> SetTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>
    /// Creates the producer. Throws <see cref="ArgumentException"/> for missing or conflicting
    /// settings, <see cref="NotSupportedException"/> for an unavailable compression codec, and
    /// <see cref="InvalidOperationException"/> when a type has no serializer.
    /// </summary>
    public virtual IProducer<TKey, TValue> Build()
    {
        var keySerializer = _keySerializer ?? Serializers.Default<TKey>()
            ?? throw new InvalidOperationException($"No serializer for key type {typeof(TKey).Name}: call SetKeySerializer.");
        var valueSerializer = _valueSerializer ?? Serializers.Default<TValue>()
            ?? throw new InvalidOperationException($"No serializer for value type {typeof(TValue).Name}: call SetValueSerializer.");
        var settings = ProducerSettings.From(_config);
        var name = string.IsNullOrEmpty(_config.ClientId)
            ? "producer-" + Interlocked.Increment(ref s_producerCount).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : _config.ClientId;
        var network = NetworkSettings.From(_config, name, _timeProvider, _loggerFactory, _inProcessBroker);
        var notifier = new DeliveryNotifier<TKey, TValue>(_loggerFactory.CreateLogger<Producer<TKey, TValue>>());
        return new Producer<TKey, TValue>(name, new ProducerCore(settings, network, notifier), keySerializer, valueSerializer);
    }
}
