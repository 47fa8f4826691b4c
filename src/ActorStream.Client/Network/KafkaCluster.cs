using ActorStream.Kafka.Protocol;
using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Network;

/// <summary>
/// The network core shared by the producer, the admin client and the consumer: bootstrap, the
/// <see cref="ConnectionPool"/>, the <see cref="ClusterMetadata"/> cache with its refresh, and request
/// routing to a given broker, to any broker (least loaded), to the controller or to a group or
/// transaction coordinator.
/// <list type="bullet">
/// <item>Brokers are addressed by node id; negative ids are the bootstrap servers, used until the
/// first Metadata response (and again if every known broker is unreachable).</item>
/// <item>Requests are built per connection from a <c>Func&lt;short, IKafkaRequest&gt;</c> that gets
/// the negotiated version, so callers fill version-dependent fields correctly.</item>
/// <item>Retries are the caller's business: failures surface as <see cref="KafkaException"/>, whose
/// <see cref="KafkaError.IsRetriable"/> tells transport errors and retriable broker codes apart.
/// Callers that see NOT_LEADER_OR_FOLLOWER / UNKNOWN_TOPIC_OR_PARTITION call
/// <see cref="RequestMetadataUpdate"/>; those that see NOT_COORDINATOR call <see cref="InvalidateCoordinator"/>.</item>
/// </list>
/// Thread-safe.
/// </summary>
internal sealed partial class KafkaCluster : IAsyncDisposable
{
    private readonly NetworkSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    public KafkaCluster(NetworkSettings settings)
    {
        _settings = settings;
        _time = settings.TimeProvider;
        _logger = settings.LoggerFactory.CreateLogger<KafkaCluster>();
        Connections = new ConnectionPool(settings);
        Connections.StateChanged += OnConnectionStateChanged;
    }

    /// <summary>A connection opened or closed, or the metadata changed: a good moment for waiting loops to look again.</summary>
    public event Action? Changed;

    public NetworkSettings Settings => _settings;

    public ConnectionPool Connections { get; }

    public TimeProvider TimeProvider => _time;

    /// <summary>Cancelled when the cluster is disposed.</summary>
    public CancellationToken DisposingToken => _disposing.Token;

    /// <summary>The endpoint of <paramref name="nodeId"/>: a broker from the metadata, a coordinator, or a bootstrap server.</summary>
    public bool TryResolve(int nodeId, out BrokerEndpoint endpoint)
    {
        if (Metadata.TryGetBroker(nodeId, out endpoint))
        {
            return true;
        }

        if (_coordinatorNodes.TryGetValue(nodeId, out endpoint))
        {
            return true;
        }

        var bootstrap = _settings.BootstrapServers;
        var index = -nodeId - 1;
        if (nodeId < 0 && index < bootstrap.Length)
        {
            endpoint = bootstrap[index];
            return true;
        }

        endpoint = default;
        return false;
    }

    /// <summary>A connection to broker <paramref name="nodeId"/>, opened if needed.</summary>
    public ValueTask<KafkaConnection> GetConnectionAsync(int nodeId, int lane = 0, CancellationToken cancellationToken = default)
    {
        if (!TryResolve(nodeId, out var endpoint))
        {
            throw new KafkaException(new KafkaError(LocalErrorCode.Transport, ErrorCode.BrokerNotAvailable, $"Broker {nodeId} is not in the cluster metadata"));
        }

        return Connections.GetAsync(endpoint, lane, cancellationToken);
    }

    /// <summary>The open connection to <paramref name="nodeId"/> without waiting; starts connecting and returns false if there is none.</summary>
    public bool TryGetConnection(int nodeId, out KafkaConnection? connection)
    {
        connection = null;
        return TryResolve(nodeId, out var endpoint) && Connections.TryGet(endpoint, 0, out connection);
    }

    /// <summary>
    /// A connection to some broker: the open one with the fewest requests in flight, else the known
    /// brokers in random order, else the bootstrap servers. Throws the last connection error when none can be reached.
    /// </summary>
    public async ValueTask<KafkaConnection> GetAnyConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (Connections.LeastLoaded() is { } open)
        {
            return open;
        }

        var brokers = Metadata.BrokerList;
        var bootstrap = _settings.BootstrapServers;
        var candidates = new BrokerEndpoint[brokers.Length + bootstrap.Length];
        brokers.CopyTo(candidates, 0);
        Random.Shared.Shuffle(candidates.AsSpan(0, brokers.Length));
        bootstrap.CopyTo(candidates, brokers.Length);

        KafkaException? last = null;
        List<BrokerEndpoint>? backingOff = null;
        foreach (var candidate in candidates)
        {
            if (Connections.IsBackingOff(candidate.NodeId))
            {
                (backingOff ??= []).Add(candidate);
                continue;
            }

            try
            {
                return await Connections.GetAsync(candidate, 0, cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException e) when (e.Error.LocalCode is LocalErrorCode.Transport or LocalErrorCode.TimedOut)
            {
                last = e;
            }
        }

        // Every reachable-looking broker failed: wait out the backoff of the others.
        foreach (var candidate in backingOff ?? [])
        {
            try
            {
                return await Connections.GetAsync(candidate, 0, cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException e) when (e.Error.LocalCode is LocalErrorCode.Transport or LocalErrorCode.TimedOut)
            {
                last = e;
            }
        }

        throw new KafkaException(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException,
            "No broker could be reached" + (last is null ? string.Empty : ": " + last.Error.Reason)), last);
    }

    /// <summary>Sends a request to broker <paramref name="nodeId"/>; <paramref name="build"/> gets the negotiated version.</summary>
    public async Task<TResponse> SendAsync<TResponse>(int nodeId, ApiKey apiKey, Func<short, IKafkaRequest> build, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : class, IKafkaResponse
    {
        var connection = await GetConnectionAsync(nodeId, 0, cancellationToken).ConfigureAwait(false);
        var version = connection.Versions.GetVersion(apiKey);
        return await connection.SendAsync<TResponse>(build(version), version, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request to any broker (see <see cref="GetAnyConnectionAsync"/>); returns the response and the broker that answered.</summary>
    public async Task<(TResponse Response, BrokerEndpoint Broker)> SendToAnyAsync<TResponse>(ApiKey apiKey, Func<short, IKafkaRequest> build, CancellationToken cancellationToken = default)
        where TResponse : class, IKafkaResponse
    {
        var connection = await GetAnyConnectionAsync(cancellationToken).ConfigureAwait(false);
        var version = connection.Versions.GetVersion(apiKey);
        var response = await connection.SendAsync<TResponse>(build(version), version, null, cancellationToken).ConfigureAwait(false);
        return (response, connection.Endpoint);
    }

    /// <summary>Sends a request to the controller named by the metadata (refreshing it if unknown), or to any broker if none is named.</summary>
    public async Task<TResponse> SendToControllerAsync<TResponse>(ApiKey apiKey, Func<short, IKafkaRequest> build, CancellationToken cancellationToken = default)
        where TResponse : class, IKafkaResponse
    {
        var metadata = Metadata;
        if (metadata.ControllerId < 0 || !metadata.TryGetBroker(metadata.ControllerId, out _))
        {
            metadata = await RefreshMetadataAsync([], allowAutoTopicCreation: false, cancellationToken).ConfigureAwait(false);
        }

        return metadata.ControllerId >= 0 && metadata.TryGetBroker(metadata.ControllerId, out _)
            ? await SendAsync<TResponse>(metadata.ControllerId, apiKey, build, null, cancellationToken).ConfigureAwait(false)
            : (await SendToAnyAsync<TResponse>(apiKey, build, cancellationToken).ConfigureAwait(false)).Response;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel();
        Connections.StateChanged -= OnConnectionStateChanged;
        if (_refreshLoop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        await Connections.DisposeAsync().ConfigureAwait(false);
    }

    private void OnConnectionStateChanged() => Changed?.Invoke();
}
