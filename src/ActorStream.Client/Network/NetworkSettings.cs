using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Client.Network;

/// <summary>Settings of the network core (connections, metadata, retries), resolved from a <see cref="ClientConfig"/>. Immutable.</summary>
internal sealed record NetworkSettings
{
    public required BrokerEndpoint[] BootstrapServers { get; init; }

    public string ClientId { get; init; } = "actorstream";

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MetadataMaxAge { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryBackoffMax { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectBackoff { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan ReconnectBackoffMax { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Connections without traffic for this long are closed; <see cref="Timeout.InfiniteTimeSpan"/> never.</summary>
    public TimeSpan ConnectionsMaxIdle { get; init; } = TimeSpan.FromMinutes(9);

    /// <summary>SO_SNDBUF, or -1 for the OS default.</summary>
    public int SendBufferBytes { get; init; } = 131_072;

    /// <summary>SO_RCVBUF, or -1 for the OS default.</summary>
    public int ReceiveBufferBytes { get; init; } = 65_536;

    /// <summary>Largest response frame accepted (size prefix excluded).</summary>
    public int MaxResponseSize { get; init; } = 104_857_600;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>When set, every connection goes to this broker in process instead of over TCP.</summary>
    public IInProcessBroker? InProcessBroker { get; init; }

    /// <summary>The bootstrap address of an in-process client without <c>bootstrap.servers</c> (a name only; nothing listens there).</summary>
    public static BrokerEndpoint InProcessBootstrap { get; } = new(-1, "in-process", 0);

    /// <summary>Resolves the common properties of <paramref name="config"/>.</summary>
    /// <param name="config">The client's properties.</param>
    /// <param name="clientId">The client id sent with every request.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="loggerFactory">Where the network core logs.</param>
    /// <param name="inProcessBroker">The in-process broker every connection goes to, or null for TCP; with it, <c>bootstrap.servers</c> is optional.</param>
    public static NetworkSettings From(ClientConfig config, string clientId, TimeProvider timeProvider, ILoggerFactory loggerFactory, IInProcessBroker? inProcessBroker = null)
    {
        var maxIdle = config.GetLongOrDefault("connections.max.idle.ms");
        return new NetworkSettings
        {
            BootstrapServers = inProcessBroker is not null && string.IsNullOrWhiteSpace(config.BootstrapServers)
                ? [InProcessBootstrap]
                : Network.BootstrapServers.Parse(config.BootstrapServers),
            ClientId = clientId,
            RequestTimeout = TimeSpan.FromMilliseconds(config.GetIntOrDefault("request.timeout.ms")),
            ConnectTimeout = TimeSpan.FromMilliseconds(config.GetLongOrDefault("socket.connection.setup.timeout.ms")),
            MetadataMaxAge = TimeSpan.FromMilliseconds(config.GetLongOrDefault("metadata.max.age.ms")),
            RetryBackoff = TimeSpan.FromMilliseconds(config.GetLongOrDefault("retry.backoff.ms")),
            RetryBackoffMax = TimeSpan.FromMilliseconds(Math.Max(config.GetLongOrDefault("retry.backoff.max.ms"), config.GetLongOrDefault("retry.backoff.ms"))),
            ReconnectBackoff = TimeSpan.FromMilliseconds(config.GetLongOrDefault("reconnect.backoff.ms")),
            ReconnectBackoffMax = TimeSpan.FromMilliseconds(Math.Max(config.GetLongOrDefault("reconnect.backoff.max.ms"), config.GetLongOrDefault("reconnect.backoff.ms"))),
            ConnectionsMaxIdle = maxIdle < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(maxIdle),
            SendBufferBytes = config.GetIntOrDefault("send.buffer.bytes"),
            ReceiveBufferBytes = config.GetIntOrDefault("receive.buffer.bytes"),
            MaxResponseSize = config.GetIntOrDefault("receive.message.max.bytes"),
            TimeProvider = timeProvider,
            LoggerFactory = loggerFactory,
            InProcessBroker = inProcessBroker,
        };
    }
}
