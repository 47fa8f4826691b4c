using ActorStream.Client.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Client;

/// <summary>Builds an <see cref="IAdminClient"/> (the shape of Confluent.Kafka's AdminClientBuilder). Not thread-safe.</summary>
public class AdminClientBuilder
{
    private static int s_adminCount;

    private readonly AdminClientConfig _config;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private TimeProvider _timeProvider = TimeProvider.System;
    private IInProcessBroker? _inProcessBroker;

    /// <summary>Creates a builder over admin client properties (Kafka names; unknown keys throw <see cref="ArgumentException"/>).</summary>
    /// <param name="config">The properties, e.g. an <see cref="AdminClientConfig"/>.</param>
    public AdminClientBuilder(IEnumerable<KeyValuePair<string, string>> config) => _config = new AdminClientConfig(config);

    /// <summary>
    /// Connects to <paramref name="broker"/>, a broker in this process (an embedded node), instead of
    /// over TCP: every connection, to the bootstrap address and to every broker that Metadata names,
    /// goes to it. <c>bootstrap.servers</c> is then optional. The client's behaviour is otherwise unchanged.
    /// </summary>
    /// <param name="broker">The in-process broker.</param>
    public AdminClientBuilder UseInProcess(IInProcessBroker broker)
    {
        _inProcessBroker = broker ?? throw new ArgumentNullException(nameof(broker));
        return this;
    }

    /// <summary>Sets where the client logs.</summary>
    /// <param name="loggerFactory">The logger factory.</param>
    public AdminClientBuilder SetLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
        return this;
    }

    /// <summary>Sets the clock for timeouts (tests).</summary>
    /// <param name="timeProvider">The clock.</param>
    public AdminClientBuilder SetTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        return this;
    }

    /// <summary>Creates the admin client; throws <see cref="ArgumentException"/> when bootstrap.servers is missing or malformed.</summary>
    public virtual IAdminClient Build()
    {
        var name = string.IsNullOrEmpty(_config.ClientId)
            ? "adminclient-" + Interlocked.Increment(ref s_adminCount).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : _config.ClientId;
        var network = NetworkSettings.From(_config, name, _timeProvider, _loggerFactory, _inProcessBroker);
        return new AdminClient(name, new KafkaCluster(network),
            TimeSpan.FromMilliseconds(_config.GetIntOrDefault("default.api.timeout.ms")), _config.GetIntOrDefault("retries"));
    }
}
