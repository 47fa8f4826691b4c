using ActorStream.Configuration;

namespace ActorStream.Kafka.Network;

/// <summary>
/// Settings of a <see cref="KafkaListener"/>. Immutable; the defaults match <c>reference.conf</c>
/// (<c>actorstream.kafka.listener</c>), where every key is documented with the Kafka setting it mirrors.
/// </summary>
public sealed record KafkaListenerSettings
{
    /// <summary>The configuration path the settings are read from.</summary>
    public const string ConfigPath = "actorstream.kafka.listener";

    /// <summary>The settings of <c>reference.conf</c>.</summary>
    public static KafkaListenerSettings Default { get; } = new();

    /// <summary>Interface to bind: an IP address or a host name (<c>host</c>).</summary>
    public string Host { get; init; } = "0.0.0.0";

    /// <summary>TCP port to bind; 0 picks an ephemeral port (<c>port</c>).</summary>
    public int Port { get; init; } = 9092;

    /// <summary>Host advertised to clients; <c>null</c> derives it from the bound address (<c>advertised-host</c>).</summary>
    public string? AdvertisedHost { get; init; }

    /// <summary>Port advertised to clients; 0 uses the bound port (<c>advertised-port</c>).</summary>
    public int AdvertisedPort { get; init; }

    /// <summary>Largest request frame in bytes, size prefix excluded (<c>socket-request-max-bytes</c>).</summary>
    public int SocketRequestMaxBytes { get; init; } = 104_857_600;

    /// <summary>Most open connections (<c>max-connections</c>).</summary>
    public int MaxConnections { get; init; } = 10_000;

    /// <summary>Most open connections from one IP address (<c>max-connections-per-ip</c>).</summary>
    public int MaxConnectionsPerIp { get; init; } = int.MaxValue;

    /// <summary>
    /// Idle time after which a connection with nothing in flight is closed; <see cref="Timeout.InfiniteTimeSpan"/>
    /// or <see cref="TimeSpan.Zero"/> disables it (<c>connections-max-idle</c>).
    /// </summary>
    public TimeSpan ConnectionsMaxIdle { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Requests read but not yet answered per connection (<c>max-in-flight-requests-per-connection</c>).</summary>
    public int MaxInFlightRequestsPerConnection { get; init; } = 100;

    /// <summary>SO_SNDBUF in bytes; -1 keeps the OS default (<c>socket-send-buffer-bytes</c>).</summary>
    public int SocketSendBufferBytes { get; init; } = 102_400;

    /// <summary>SO_RCVBUF in bytes; -1 keeps the OS default (<c>socket-receive-buffer-bytes</c>).</summary>
    public int SocketReceiveBufferBytes { get; init; } = 102_400;

    /// <summary>Accept queue length (<c>socket-listen-backlog-size</c>).</summary>
    public int SocketListenBacklogSize { get; init; } = 512;

    /// <summary>How long a stop waits for in-flight requests before aborting connections (<c>shutdown-timeout</c>).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a closing connection keeps discarding input so its last responses arrive (<c>close-linger-timeout</c>).</summary>
    public TimeSpan CloseLingerTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the idle check is on.</summary>
    internal bool IdleCheckEnabled => ConnectionsMaxIdle > TimeSpan.Zero && ConnectionsMaxIdle != Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Reads <c>actorstream.kafka.listener.*</c> from <paramref name="config"/> (a root configuration), with
    /// this assembly's <c>reference.conf</c> as the fallback, and validates the result.
    /// </summary>
    public static KafkaListenerSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var reference = ConfigurationFactory.FromResource(typeof(KafkaListenerSettings).Assembly, "ActorStream.Kafka.Network.reference.conf");
        var c = config.WithFallback(reference).GetConfig(ConfigPath);
        var d = Default;
        var settings = new KafkaListenerSettings
        {
            Host = c.GetString("host") ?? d.Host,
            Port = c.GetInt("port", d.Port),
            AdvertisedHost = NullIfEmpty(c.GetString("advertised-host")),
            AdvertisedPort = c.GetInt("advertised-port", d.AdvertisedPort),
            SocketRequestMaxBytes = ToInt32(c.GetByteSize("socket-request-max-bytes", d.SocketRequestMaxBytes), "socket-request-max-bytes"),
            MaxConnections = c.GetInt("max-connections", d.MaxConnections),
            MaxConnectionsPerIp = c.GetInt("max-connections-per-ip", d.MaxConnectionsPerIp),
            ConnectionsMaxIdle = c.GetTimeSpan("connections-max-idle", d.ConnectionsMaxIdle),
            MaxInFlightRequestsPerConnection = c.GetInt("max-in-flight-requests-per-connection", d.MaxInFlightRequestsPerConnection),
            SocketSendBufferBytes = c.GetInt("socket-send-buffer-bytes", d.SocketSendBufferBytes),
            SocketReceiveBufferBytes = c.GetInt("socket-receive-buffer-bytes", d.SocketReceiveBufferBytes),
            SocketListenBacklogSize = c.GetInt("socket-listen-backlog-size", d.SocketListenBacklogSize),
            ShutdownTimeout = c.GetTimeSpan("shutdown-timeout", d.ShutdownTimeout, allowInfinite: false),
            CloseLingerTimeout = c.GetTimeSpan("close-linger-timeout", d.CloseLingerTimeout, allowInfinite: false),
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host, nameof(Host));
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfNegative(AdvertisedPort, nameof(AdvertisedPort));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(AdvertisedPort, 65535, nameof(AdvertisedPort));
        ArgumentOutOfRangeException.ThrowIfLessThan(SocketRequestMaxBytes, KafkaRequestFrame.MinimumLength, nameof(SocketRequestMaxBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1, nameof(MaxConnections));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnectionsPerIp, 1, nameof(MaxConnectionsPerIp));
        if (ConnectionsMaxIdle < TimeSpan.Zero && ConnectionsMaxIdle != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectionsMaxIdle), ConnectionsMaxIdle, "must be positive, zero or infinite");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInFlightRequestsPerConnection, 1, nameof(MaxInFlightRequestsPerConnection));
        ArgumentOutOfRangeException.ThrowIfLessThan(SocketSendBufferBytes, -1, nameof(SocketSendBufferBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(SocketReceiveBufferBytes, -1, nameof(SocketReceiveBufferBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(SocketListenBacklogSize, 1, nameof(SocketListenBacklogSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownTimeout, TimeSpan.Zero, nameof(ShutdownTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(CloseLingerTimeout, TimeSpan.Zero, nameof(CloseLingerTimeout));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static int ToInt32(long? value, string key) =>
        value is >= 0 and <= int.MaxValue
            ? (int)value.Value
            : throw new ConfigException($"{ConfigPath}.{key} must be between 0 and {int.MaxValue} bytes, was {value}");
}
