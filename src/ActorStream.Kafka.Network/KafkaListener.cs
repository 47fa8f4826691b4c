using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Kafka.Network;

/// <summary>
/// The Kafka wire-protocol TCP listener: binds an endpoint, accepts connections, splits each connection's
/// byte stream into request frames (4-byte big-endian size prefix, checked against
/// <see cref="KafkaListenerSettings.SocketRequestMaxBytes"/> before the body is buffered), hands every frame
/// to an <see cref="IKafkaRequestHandler"/> and writes the responses back in request order.
/// </summary>
/// <remarks>
/// <para>
/// Per connection, up to <see cref="KafkaListenerSettings.MaxInFlightRequestsPerConnection"/> requests may be
/// in flight (read, not yet answered); at the limit the connection stops reading until responses drain.
/// Ready responses are written together and flushed once.
/// </para>
/// <para>
/// Errors are scoped to their connection: a bad size prefix, a frame shorter than 8 bytes, a truncated
/// connection, a handler failure or a handler's close request closes that connection (after the responses to
/// its earlier requests) and is logged; the listener and the other connections go on.
/// </para>
/// <para>
/// Lifecycle: <see cref="Start"/> once, then <see cref="StopAsync"/> (stop accepting, let in-flight requests
/// finish within <see cref="KafkaListenerSettings.ShutdownTimeout"/>, then abort) and
/// <see cref="DisposeAsync"/>. Thread-safety: all public members are thread-safe.
/// </para>
/// </remarks>
public sealed partial class KafkaListener : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, KafkaConnection> _connections = new();
    private readonly Dictionary<IPAddress, int> _connectionsPerIp = [];
    private readonly Lock _connectionsPerIpLock = new();
    private readonly Lock _stateLock = new();
    private readonly CancellationTokenSource _stopCts = new();
    private Socket? _listenSocket;
    private IPEndPoint? _endPoint;
    private Task _acceptLoop = Task.CompletedTask;
    private Task? _stopTask;
    private ITimer? _idleTimer;
    private bool _started;
    private long _nextConnectionId;

    /// <summary>Creates a listener; nothing is bound until <see cref="Start"/>.</summary>
    /// <param name="settings">Validated on construction.</param>
    /// <param name="handler">Serves every request frame.</param>
    /// <param name="loggerFactory">Logs under the category <c>ActorStream.Kafka.Network.KafkaListener</c>; none if null.</param>
    /// <param name="timeProvider">Clock for idle checks and timeouts; <see cref="TimeProvider.System"/> if null.</param>
    public KafkaListener(KafkaListenerSettings settings, IKafkaRequestHandler handler, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(handler);
        settings.Validate();
        Settings = settings;
        Handler = handler;
        Logger = (ILogger?)loggerFactory?.CreateLogger<KafkaListener>() ?? NullLogger.Instance;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The settings the listener runs with.</summary>
    public KafkaListenerSettings Settings { get; }

    /// <summary>The bound endpoint (with the real port when <see cref="KafkaListenerSettings.Port"/> is 0).</summary>
    /// <exception cref="InvalidOperationException">The listener was not started.</exception>
    public IPEndPoint EndPoint => _endPoint ?? throw new InvalidOperationException("The listener is not started.");

    /// <summary>
    /// The host clients are told to connect to: <see cref="KafkaListenerSettings.AdvertisedHost"/>, else the
    /// bound address, else (bound to a wildcard address) the machine's host name. Set by <see cref="Start"/>.
    /// </summary>
    public string AdvertisedHost { get; private set; } = string.Empty;

    /// <summary>The port clients are told to connect to: <see cref="KafkaListenerSettings.AdvertisedPort"/> or the bound port.</summary>
    public int AdvertisedPort { get; private set; }

    /// <summary>Connections open now.</summary>
    public int ActiveConnections => (int)Volatile.Read(ref Counters.ActiveConnections);

    internal IKafkaRequestHandler Handler { get; }

    internal ILogger Logger { get; }

    internal TimeProvider TimeProvider { get; }

    internal ListenerCounters Counters { get; } = new();

    /// <summary>Binds the endpoint and starts accepting connections.</summary>
    /// <exception cref="SocketException">The endpoint cannot be bound (e.g. the port is in use).</exception>
    /// <exception cref="InvalidOperationException">The listener was already started or stopped.</exception>
    public void Start()
    {
        lock (_stateLock)
        {
            if (_started || _stopTask is not null)
            {
                throw new InvalidOperationException("The listener can be started only once.");
            }

            _started = true;
        }

        var address = ResolveAddress(Settings.Host);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            // Set on the listening socket so accepted sockets inherit it before the TCP window is negotiated.
            if (Settings.SocketReceiveBufferBytes > 0)
            {
                socket.ReceiveBufferSize = Settings.SocketReceiveBufferBytes;
            }

            socket.Bind(new IPEndPoint(address, Settings.Port));
            socket.Listen(Settings.SocketListenBacklogSize);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _listenSocket = socket;
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        _endPoint = bound;
        AdvertisedHost = Settings.AdvertisedHost
            ?? (bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any) ? Dns.GetHostName() : bound.Address.ToString());
        AdvertisedPort = Settings.AdvertisedPort != 0 ? Settings.AdvertisedPort : bound.Port;

        if (Settings.IdleCheckEnabled)
        {
            var period = TimeSpan.FromTicks(Math.Clamp(Settings.ConnectionsMaxIdle.Ticks / 8, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
            _idleTimer = TimeProvider.CreateTimer(static state => ((KafkaListener)state!).CloseIdleConnections(), this, period, period);
        }

        _acceptLoop = Task.Run(AcceptLoopAsync);
        Log.ListenerStarted(Logger, bound.ToString(), AdvertisedHost, AdvertisedPort);
    }

    /// <summary>
    /// Stops accepting, lets every connection finish and answer the requests it already read (up to
    /// <see cref="KafkaListenerSettings.ShutdownTimeout"/>, after which connections are aborted), and completes
    /// when all connections are closed. Idempotent; <paramref name="cancellationToken"/> only stops the wait.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task stop;
        lock (_stateLock)
        {
            stop = _stopTask ??= StopCoreAsync();
        }

        return stop.WaitAsync(cancellationToken);
    }

    /// <summary>A copy of the counters.</summary>
    public KafkaListenerMetricsSnapshot GetMetrics() => Counters.Snapshot();

    /// <summary>Stops (see <see cref="StopAsync"/>) and waits until every connection is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopCts.Dispose();
    }

    /// <summary>Called once by each connection when it has closed and released its socket.</summary>
    internal void OnConnectionClosed(KafkaConnection connection)
    {
        _connections.TryRemove(connection.Id, out _);
        ReleaseIpSlot(connection.RemoteAddress);
        Interlocked.Decrement(ref Counters.ActiveConnections);
        Interlocked.Increment(ref Counters.ConnectionsClosed);
        Log.ConnectionClosed(Logger, connection.Id, connection.Remote, connection.CloseReason);
    }

    private async Task AcceptLoopAsync()
    {
        var listenSocket = _listenSocket!;
        var token = _stopCts.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listenSocket.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // E.g. a connection reset before it was accepted, or out of file descriptors: keep accepting.
                Log.AcceptFailed(Logger, ex.SocketErrorCode, ex);
                if (ex.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }

                continue;
            }

            try
            {
                OnAccepted(socket);
            }
            catch (Exception ex)
            {
                // One bad accept (e.g. a socket option on an already reset socket) must not end the loop.
                Log.AcceptFailed(Logger, SocketError.SocketError, ex);
                socket.Dispose();
            }
        }
    }

    private void OnAccepted(Socket socket)
    {
        var remote = socket.RemoteEndPoint as IPEndPoint;
        var active = Interlocked.Increment(ref Counters.ActiveConnections);
        if (active > Settings.MaxConnections)
        {
            Interlocked.Decrement(ref Counters.ActiveConnections);
            Reject(socket, remote, "max-connections", Settings.MaxConnections);
            return;
        }

        if (!TryTakeIpSlot(remote?.Address))
        {
            Interlocked.Decrement(ref Counters.ActiveConnections);
            Reject(socket, remote, "max-connections-per-ip", Settings.MaxConnectionsPerIp);
            return;
        }

        try
        {
            socket.NoDelay = true;
            if (Settings.SocketSendBufferBytes > 0)
            {
                socket.SendBufferSize = Settings.SocketSendBufferBytes;
            }

            if (Settings.SocketReceiveBufferBytes > 0)
            {
                socket.ReceiveBufferSize = Settings.SocketReceiveBufferBytes;
            }
        }
        catch (SocketException ex)
        {
            // The peer is already gone; nothing to serve.
            Interlocked.Decrement(ref Counters.ActiveConnections);
            ReleaseIpSlot(remote?.Address);
            Log.AcceptFailed(Logger, ex.SocketErrorCode, ex);
            socket.Dispose();
            return;
        }

        var id = Interlocked.Increment(ref _nextConnectionId);
        var connection = new KafkaConnection(this, socket, id, remote);
        _connections[id] = connection;
        Interlocked.Increment(ref Counters.ConnectionsAccepted);
        Log.ConnectionAccepted(Logger, id, connection.Remote);
        connection.Start();
    }

    private void Reject(Socket socket, IPEndPoint? remote, string limit, int value)
    {
        Interlocked.Increment(ref Counters.ConnectionsRejected);
        Log.ConnectionRejected(Logger, remote?.ToString() ?? "unknown", limit, value);
        socket.Dispose();
    }

    private bool TryTakeIpSlot(IPAddress? address)
    {
        if (address is null || Settings.MaxConnectionsPerIp == int.MaxValue)
        {
            return true;
        }

        lock (_connectionsPerIpLock)
        {
            _connectionsPerIp.TryGetValue(address, out var count);
            if (count >= Settings.MaxConnectionsPerIp)
            {
                return false;
            }

            _connectionsPerIp[address] = count + 1;
            return true;
        }
    }

    private void ReleaseIpSlot(IPAddress? address)
    {
        if (address is null || Settings.MaxConnectionsPerIp == int.MaxValue)
        {
            return;
        }

        lock (_connectionsPerIpLock)
        {
            if (_connectionsPerIp.TryGetValue(address, out var count))
            {
                if (count <= 1)
                {
                    _connectionsPerIp.Remove(address);
                }
                else
                {
                    _connectionsPerIp[address] = count - 1;
                }
            }
        }
    }

    private void CloseIdleConnections()
    {
        try
        {
            var now = TimeProvider.GetTimestamp();
            var idle = Settings.ConnectionsMaxIdle;
            foreach (var pair in _connections)
            {
                pair.Value.CloseIfIdle(now, idle);
            }
        }
        catch (Exception ex)
        {
            // A timer callback must never throw; the next tick tries again.
            Log.IdleCheckFailed(Logger, ex);
        }
    }

    private async Task StopCoreAsync()
    {
        bool started;
        lock (_stateLock)
        {
            started = _started;
        }

        if (!started)
        {
            return;
        }

        await _stopCts.CancelAsync().ConfigureAwait(false);
        _listenSocket?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        if (_idleTimer is not null)
        {
            await _idleTimer.DisposeAsync().ConfigureAwait(false);
        }

        var connections = new List<KafkaConnection>(_connections.Count);
        foreach (var pair in _connections)
        {
            connections.Add(pair.Value);
        }

        var completions = new Task[connections.Count];
        for (var i = 0; i < connections.Count; i++)
        {
            connections[i].RequestStop();
            completions[i] = connections[i].Completion;
        }

        var all = Task.WhenAll(completions);
        try
        {
            await all.WaitAsync(Settings.ShutdownTimeout, TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.ShutdownTimedOut(Logger, Settings.ShutdownTimeout, ActiveConnections);
            foreach (var connection in connections)
            {
                connection.Abort(ConnectionCloseReason.ShutdownTimeout);
            }

            await all.ConfigureAwait(false);
        }

        Log.ListenerStopped(Logger, _endPoint?.ToString() ?? string.Empty);
    }

    private static IPAddress ResolveAddress(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        var addresses = Dns.GetHostAddresses(host);
        foreach (var candidate in addresses)
        {
            if (candidate.AddressFamily == AddressFamily.InterNetwork)
            {
                return candidate;
            }
        }

        return addresses.Length > 0 ? addresses[0] : throw new SocketException((int)SocketError.HostNotFound);
    }
}
