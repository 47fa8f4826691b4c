using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Network;

/// <summary>
/// The connections of one client, per broker and lane: a lane is an independent connection to the
/// same broker (lane 0 for ordinary requests; a consumer may use another lane for long-polling
/// fetches so that they never delay its coordinator traffic). A connection that closes is replaced
/// on the next request; failed attempts back off exponentially between
/// <see cref="NetworkSettings.ReconnectBackoff"/> and <see cref="NetworkSettings.ReconnectBackoffMax"/>.
/// Connections idle for <see cref="NetworkSettings.ConnectionsMaxIdle"/> are closed.
/// <see cref="StateChanged"/> fires whenever a connection opens, fails to open or closes, so that
/// background loops can wake up. Thread-safe.
/// </summary>
internal sealed partial class ConnectionPool : IAsyncDisposable
{
    private readonly NetworkSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<(int NodeId, int Lane), Slot> _slots = [];
    private readonly ITimer? _idleTimer;
    private bool _disposed;

    public ConnectionPool(NetworkSettings settings)
    {
        _settings = settings;
        _time = settings.TimeProvider;
        _logger = settings.LoggerFactory.CreateLogger<ConnectionPool>();
        if (settings.ConnectionsMaxIdle > TimeSpan.Zero && settings.ConnectionsMaxIdle != Timeout.InfiniteTimeSpan)
        {
            var period = TimeSpan.FromMilliseconds(Math.Clamp(settings.ConnectionsMaxIdle.TotalMilliseconds / 2, 100, 60_000));
            _idleTimer = _time.CreateTimer(static state => ((ConnectionPool)state!).CloseIdle(), this, period, period);
        }
    }

    /// <summary>A connection opened, failed to open or closed.</summary>
    public event Action? StateChanged;

    /// <summary>
    /// A live connection to <paramref name="endpoint"/>, opening one if needed (after the reconnect
    /// backoff of earlier failures). Throws the <see cref="KafkaException"/> of a failed attempt.
    /// </summary>
    public async ValueTask<KafkaConnection> GetAsync(BrokerEndpoint endpoint, int lane = 0, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task<KafkaConnection>? connecting;
            TimeSpan wait;
            lock (_lock)
            {
                var slot = GetSlotLocked(endpoint, lane);
                if (slot.Connection is { IsClosed: false } open)
                {
                    return open;
                }

                wait = StartConnectingIfDueLocked(slot);
                connecting = slot.Connecting;
            }

            if (connecting is not null)
            {
                return await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The live connection to <paramref name="endpoint"/> without waiting. When there is none, starts
    /// opening one (unless backing off) and returns false; <see cref="StateChanged"/> fires when it is ready.
    /// </summary>
    public bool TryGet(BrokerEndpoint endpoint, int lane, out KafkaConnection? connection)
    {
        lock (_lock)
        {
            var slot = GetSlotLocked(endpoint, lane);
            if (slot.Connection is { IsClosed: false } open)
            {
                connection = open;
                return true;
            }

            StartConnectingIfDueLocked(slot);
            connection = null;
            return false;
        }
    }

    /// <summary>How long until a connection attempt to <paramref name="nodeId"/> may start (zero if it may now or one is open).</summary>
    public TimeSpan ReconnectDelay(int nodeId, int lane = 0)
    {
        lock (_lock)
        {
            return _slots.TryGetValue((nodeId, lane), out var slot) && slot.Connection is not { IsClosed: false } && slot.Connecting is null
                ? RemainingBackoffLocked(slot)
                : TimeSpan.Zero;
        }
    }

    /// <summary>The open lane-0 connection with the fewest requests in flight, if any.</summary>
    public KafkaConnection? LeastLoaded()
    {
        KafkaConnection? best = null;
        lock (_lock)
        {
            foreach (var (key, slot) in _slots)
            {
                if (key.Lane == 0 && slot.Connection is { IsClosed: false } open && (best is null || open.InFlightRequests < best.InFlightRequests))
                {
                    best = open;
                }
            }
        }

        return best;
    }

    /// <summary>True if <paramref name="nodeId"/> failed its last connection attempt and is still backing off.</summary>
    public bool IsBackingOff(int nodeId) => ReconnectDelay(nodeId) > TimeSpan.Zero;

    public async ValueTask DisposeAsync()
    {
        var open = new List<KafkaConnection>();
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var slot in _slots.Values)
            {
                if (slot.Connection is not null)
                {
                    open.Add(slot.Connection);
                    slot.Connection = null;
                }
            }
        }

        _idleTimer?.Dispose();
        foreach (var connection in open)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Slot GetSlotLocked(BrokerEndpoint endpoint, int lane)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_slots.TryGetValue((endpoint.NodeId, lane), out var slot))
        {
            slot = new Slot(endpoint);
            _slots.Add((endpoint.NodeId, lane), slot);
        }
        else if (!slot.Endpoint.SameAddress(endpoint))
        {
            // The broker moved: drop the old connection (an attempt in flight notices and discards its result).
            Log.AddressChanged(_logger, slot.Endpoint, endpoint);
            var old = slot.Connection;
            slot.Endpoint = endpoint;
            slot.Connection = null;
            slot.Connecting = null;
            slot.Failures = 0;
            slot.RetryAt = 0;
            if (old is not null)
            {
                _ = old.DisposeAsync().AsTask();
            }
        }

        return slot;
    }

    private TimeSpan StartConnectingIfDueLocked(Slot slot)
    {
        if (slot.Connecting is not null)
        {
            return TimeSpan.Zero;
        }

        var wait = RemainingBackoffLocked(slot);
        if (wait <= TimeSpan.Zero)
        {
            var endpoint = slot.Endpoint;
            var connecting = Task.Run(() => ConnectAsync(slot, endpoint));
            slot.Connecting = connecting;
            // Attempts started by TryGet may have no awaiter: observe their failure (it is logged and backed off).
            _ = connecting.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return wait;
    }

    private TimeSpan RemainingBackoffLocked(Slot slot)
    {
        if (slot.RetryAt == 0)
        {
            return TimeSpan.Zero;
        }

        var now = _time.GetTimestamp();
        return now >= slot.RetryAt ? TimeSpan.Zero : TimeSpan.FromSeconds((double)(slot.RetryAt - now) / _time.TimestampFrequency);
    }

    private async Task<KafkaConnection> ConnectAsync(Slot slot, BrokerEndpoint endpoint)
    {
        KafkaConnection connection;
        try
        {
            // An in-process broker stands for every broker: the endpoint only names the connection.
            connection = _settings.InProcessBroker is { } broker
                ? await KafkaConnection.ConnectInProcessAsync(endpoint, broker, _settings).ConfigureAwait(false)
                : await KafkaConnection.ConnectAsync(endpoint, _settings).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                if (slot.Endpoint.SameAddress(endpoint))
                {
                    var backoff = Backoff.Compute(_settings.ReconnectBackoff, _settings.ReconnectBackoffMax, slot.Failures);
                    slot.Failures++;
                    slot.RetryAt = _time.GetTimestamp() + (long)(backoff.TotalSeconds * _time.TimestampFrequency);
                    slot.Connecting = null;
                }
            }

            Log.ConnectFailed(_logger, endpoint, e.Message);
            StateChanged?.Invoke();
            throw;
        }

        var stale = false;
        lock (_lock)
        {
            if (_disposed || !slot.Endpoint.SameAddress(endpoint))
            {
                stale = true;
            }
            else
            {
                slot.Connection = connection;
                slot.Connecting = null;
                slot.Failures = 0;
                slot.RetryAt = 0;
            }
        }

        if (stale)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new KafkaException(new KafkaError(LocalErrorCode.Transport, Kafka.Protocol.ErrorCode.NetworkException,
                _disposed ? "The client is closed" : $"{endpoint} changed its address while connecting"));
        }

        _ = connection.Completion.ContinueWith(static (_, state) => ((ConnectionPool)state!).StateChanged?.Invoke(), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        StateChanged?.Invoke();
        return connection;
    }

    private void CloseIdle()
    {
        var now = _time.GetTimestamp();
        var idleTicks = (long)(_settings.ConnectionsMaxIdle.TotalSeconds * _time.TimestampFrequency);
        List<KafkaConnection>? idle = null;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var slot in _slots.Values)
            {
                if (slot.Connection is { IsClosed: false } open && open.InFlightRequests == 0 && now - open.LastActivity > idleTicks)
                {
                    (idle ??= []).Add(open);
                    slot.Connection = null;
                }
            }
        }

        if (idle is not null)
        {
            foreach (var connection in idle)
            {
                Log.IdleClosed(_logger, connection.Endpoint);
                connection.Close("idle for longer than connections.max.idle.ms");
            }
        }
    }

    /// <summary>One (broker, lane) entry. Guarded by the pool's lock.</summary>
    private sealed class Slot(BrokerEndpoint endpoint)
    {
        public BrokerEndpoint Endpoint { get; set; } = endpoint;

        public KafkaConnection? Connection { get; set; }

        public Task<KafkaConnection>? Connecting { get; set; }

        public int Failures { get; set; }

        /// <summary>TimeProvider timestamp before which no new attempt starts; 0 = none pending.</summary>
        public long RetryAt { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Could not connect to {Broker}: {Reason}")]
        public static partial void ConnectFailed(ILogger logger, BrokerEndpoint broker, string reason);

        [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Broker {Old} is now at {New}; reconnecting")]
        public static partial void AddressChanged(ILogger logger, BrokerEndpoint old, BrokerEndpoint @new);

        [LoggerMessage(EventId = 6012, Level = LogLevel.Debug, Message = "Closing idle connection to {Broker}")]
        public static partial void IdleClosed(ILogger logger, BrokerEndpoint broker);
    }
}
