using System.Globalization;
using ActorStream.Client.Consuming;
using ActorStream.Client.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Client;

/// <summary>
/// Builds an <see cref="IConsumer{TKey,TValue}"/> (the shape of Confluent.Kafka's ConsumerBuilder).
/// Keys and values of type string, byte[], int, long, <see cref="Null"/> and <see cref="Ignore"/> get
/// the built-in deserializers unless others are set. Rebalance handlers run inside Consume (or
/// Close, Unsubscribe) on the application's thread. Not thread-safe.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public class ConsumerBuilder<TKey, TValue>
{
    private static int s_consumerCount;

    private readonly ConsumerConfig _config;
    private readonly ConsumerHandlers<TKey, TValue> _handlers = new();
    private IDeserializer<TKey>? _keyDeserializer;
    private IDeserializer<TValue>? _valueDeserializer;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private TimeProvider _timeProvider = TimeProvider.System;
    private IInProcessBroker? _inProcessBroker;

    /// <summary>Creates a builder over consumer properties (Kafka names; unknown keys throw <see cref="ArgumentException"/>).</summary>
    /// <param name="config">The properties, e.g. a <see cref="ConsumerConfig"/>.</param>
    public ConsumerBuilder(IEnumerable<KeyValuePair<string, string>> config) => _config = new ConsumerConfig(config);

    /// <summary>Sets the key deserializer.</summary>
    /// <param name="deserializer">The deserializer.</param>
    public ConsumerBuilder<TKey, TValue> SetKeyDeserializer(IDeserializer<TKey> deserializer)
    {
        _keyDeserializer = deserializer ?? throw new ArgumentNullException(nameof(deserializer));
        return this;
    }

    /// <summary>Sets the value deserializer.</summary>
    /// <param name="deserializer">The deserializer.</param>
    public ConsumerBuilder<TKey, TValue> SetValueDeserializer(IDeserializer<TValue> deserializer)
    {
        _valueDeserializer = deserializer ?? throw new ArgumentNullException(nameof(deserializer));
        return this;
    }

    /// <summary>
    /// Called when partitions are assigned: the whole new assignment under eager rebalancing, only the
    /// added partitions under cooperative (possibly none). Return the offsets to start from
    /// (<see cref="Offset.Unset"/> or <see cref="Offset.Stored"/> for the committed offset).
    /// </summary>
    /// <param name="handler">The handler.</param>
    public ConsumerBuilder<TKey, TValue> SetPartitionsAssignedHandler(Func<IConsumer<TKey, TValue>, List<TopicPartition>, IEnumerable<TopicPartitionOffset>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Assigned = handler;
        return this;
    }

    /// <summary>Called when partitions are assigned (see the other overload); they start from their committed offsets.</summary>
    /// <param name="handler">The handler.</param>
    public ConsumerBuilder<TKey, TValue> SetPartitionsAssignedHandler(Action<IConsumer<TKey, TValue>, List<TopicPartition>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Assigned = (consumer, partitions) =>
        {
            handler(consumer, partitions);
            return [];
        };
        return this;
    }

    /// <summary>
    /// Called before partitions are taken away, with their current positions: the whole assignment
    /// under eager rebalancing, only the partitions that move under cooperative. With auto-commit on,
    /// the positions are already committed; the partitions are still assigned during the call.
    /// </summary>
    /// <param name="handler">The handler.</param>
    public ConsumerBuilder<TKey, TValue> SetPartitionsRevokedHandler(Action<IConsumer<TKey, TValue>, List<TopicPartitionOffset>> handler)
    {
        _handlers.Revoked = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>
    /// Called when partitions were lost without a clean revocation (the session expired, the member
    /// was fenced or missed max.poll.interval.ms): another member may own them already, so nothing is
    /// committed. Without this handler the revoked handler is called instead.
    /// </summary>
    /// <param name="handler">The handler.</param>
    public ConsumerBuilder<TKey, TValue> SetPartitionsLostHandler(Action<IConsumer<TKey, TValue>, List<TopicPartitionOffset>> handler)
    {
        _handlers.Lost = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>Called (inside Consume) with errors the consumer recovers from, such as a missed max.poll.interval.ms.</summary>
    /// <param name="handler">The handler.</param>
    public ConsumerBuilder<TKey, TValue> SetErrorHandler(Action<IConsumer<TKey, TValue>, KafkaError> handler)
    {
        _handlers.Error = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>
    /// Connects to <paramref name="broker"/>, a broker in this process (an embedded node), instead of
    /// over TCP: every connection, to the bootstrap address and to every broker that Metadata names,
    /// goes to it. <c>bootstrap.servers</c> is then optional. The client's behaviour is otherwise unchanged.
    /// </summary>
    /// <param name="broker">The in-process broker.</param>
    public ConsumerBuilder<TKey, TValue> UseInProcess(IInProcessBroker broker)
    {
        _inProcessBroker = broker ?? throw new ArgumentNullException(nameof(broker));
        return this;
    }

    /// <summary>Sets where the consumer logs (group membership, fetch errors, commits).</summary>
    /// <param name="loggerFactory">The logger factory.</param>
    public ConsumerBuilder<TKey, TValue> SetLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>Sets the clock for timeouts, heartbeats and auto-commit (tests).</summary>
    /// <param name="timeProvider">The clock.</param>
    public ConsumerBuilder<TKey, TValue> SetTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>
    /// Creates the consumer. Throws <see cref="ArgumentException"/> for missing or conflicting settings
    /// and <see cref="InvalidOperationException"/> when a type has no deserializer.
    /// </summary>
    public virtual IConsumer<TKey, TValue> Build()
    {
        var keyDeserializer = _keyDeserializer ?? Deserializers.Default<TKey>()
            ?? throw new InvalidOperationException($"No deserializer for key type {typeof(TKey).Name}: call SetKeyDeserializer.");
        var valueDeserializer = _valueDeserializer ?? Deserializers.Default<TValue>()
            ?? throw new InvalidOperationException($"No deserializer for value type {typeof(TValue).Name}: call SetValueDeserializer.");
        var settings = ConsumerSettings.From(_config);
        var name = string.IsNullOrEmpty(_config.ClientId)
            ? "consumer-" + Interlocked.Increment(ref s_consumerCount).ToString(CultureInfo.InvariantCulture)
            : _config.ClientId;
        var network = NetworkSettings.From(_config, name, _timeProvider, _loggerFactory, _inProcessBroker);
        return new Consumer<TKey, TValue>(new ConsumerCore(name, settings, network), keyDeserializer, valueDeserializer, _handlers.Copy());
    }
}
