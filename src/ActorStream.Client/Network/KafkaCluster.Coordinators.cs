using System.Collections.Concurrent;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Network;

/// <content>
/// Coordinator lookup (FindCoordinator) with a cache per (type, key). Coordinators may be brokers the
/// metadata does not list yet, so their endpoints are remembered for <see cref="TryResolve"/>.
/// </content>
internal sealed partial class KafkaCluster
{
    private readonly ConcurrentDictionary<(CoordinatorType Type, string Key), BrokerEndpoint> _coordinators = new();
    private readonly ConcurrentDictionary<int, BrokerEndpoint> _coordinatorNodes = new();

    /// <summary>
    /// The coordinator of <paramref name="key"/>, from the cache or from FindCoordinator. Retries
    /// COORDINATOR_NOT_AVAILABLE and transport errors with backoff until <paramref name="cancellationToken"/>
    /// fires; other errors throw <see cref="KafkaException"/>.
    /// </summary>
    public async Task<BrokerEndpoint> FindCoordinatorAsync(CoordinatorType type, string key, CancellationToken cancellationToken = default)
    {
        if (_coordinators.TryGetValue((type, key), out var cached))
        {
            return cached;
        }

        var attempts = 0;
        while (true)
        {
            KafkaError error;
            try
            {
                var (response, _) = await SendToAnyAsync<FindCoordinatorResponse>(ApiKey.FindCoordinator, version => BuildFindCoordinator(version, type, key), cancellationToken).ConfigureAwait(false);
                var (code, message, nodeId, host, port) = response.Coordinators.Count > 0
                    ? (response.Coordinators[0].ErrorCode, response.Coordinators[0].ErrorMessage, response.Coordinators[0].NodeId, response.Coordinators[0].Host, response.Coordinators[0].Port)
                    : (response.ErrorCode, response.ErrorMessage, response.NodeId, response.Host, response.Port);
                if (code == 0)
                {
                    var endpoint = new BrokerEndpoint(nodeId, host, port);
                    _coordinatorNodes[nodeId] = endpoint;
                    _coordinators[(type, key)] = endpoint;
                    return endpoint;
                }

                error = KafkaError.FromBroker(code, message);
            }
            catch (KafkaException e) when (e.Error.IsRetriable)
            {
                error = e.Error;
            }

            if (!error.IsRetriable && error.Code != ErrorCode.CoordinatorNotAvailable)
            {
                throw new KafkaException(error);
            }

            await Task.Delay(Backoff.Compute(_settings.RetryBackoff, _settings.RetryBackoffMax, attempts++), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets the cached coordinator of <paramref name="key"/> (after NOT_COORDINATOR or a lost connection).</summary>
    public void InvalidateCoordinator(CoordinatorType type, string key) => _coordinators.TryRemove((type, key), out _);

    /// <summary>
    /// Sends a request to the coordinator of <paramref name="key"/>. A transport failure forgets the
    /// coordinator; NOT_COORDINATOR in the response is the caller's to handle (invalidate and retry).
    /// </summary>
    public async Task<TResponse> SendToCoordinatorAsync<TResponse>(CoordinatorType type, string key, ApiKey apiKey, Func<short, IKafkaRequest> build, CancellationToken cancellationToken = default)
        where TResponse : class, IKafkaResponse
    {
        var endpoint = await FindCoordinatorAsync(type, key, cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await Connections.GetAsync(endpoint, 0, cancellationToken).ConfigureAwait(false);
            var version = connection.Versions.GetVersion(apiKey);
            return await connection.SendAsync<TResponse>(build(version), version, null, cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaException e) when (e.Error.LocalCode is LocalErrorCode.Transport or LocalErrorCode.TimedOut)
        {
            InvalidateCoordinator(type, key);
            throw;
        }
    }

    private static FindCoordinatorRequest BuildFindCoordinator(short version, CoordinatorType type, string key)
    {
        var request = new FindCoordinatorRequest { KeyType = (sbyte)type };
        if (version >= 4)
        {
            request.CoordinatorKeys.Add(key);
        }
        else
        {
            request.Key = key;
        }

        return request;
    }
}
