using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Network;

/// <summary>
/// One TCP connection to a broker: many requests in flight, matched to their responses by
/// correlation id. Opening it negotiates API versions (<see cref="Versions"/>); a request without a
/// response within its timeout closes the connection, as in the Java client, since the state of
/// everything else in flight is then unknown.
/// <code>
///  SendAsync ─► encode into a pooled buffer ─► lock: correlation id, pending map, queue ─► WriteLoop ─► socket (gathered writes)
///  socket ─► PipeReader ─► ReadLoop: TryReadFrame ─► pending map ─► decode ─► complete the request's task
/// </code>
/// Failures surface as <see cref="KafkaException"/>: <see cref="LocalErrorCode.Transport"/> when the
/// connection cannot be opened or is lost, <see cref="LocalErrorCode.TimedOut"/> for the request that
/// timed out, <see cref="LocalErrorCode.BadMessage"/> for undecodable responses. A closed connection
/// stays closed; <see cref="ConnectionPool"/> opens a new one. Thread-safe: any thread may send.
/// </summary>
internal sealed partial class KafkaConnection : IAsyncDisposable
{
    /// <summary>Where the correlation id sits in a request frame: size (4), api key (2), api version (2).</summary>
    private const int CorrelationIdOffset = 8;
    private const int MaxFramesPerWrite = 64;
    private const int MaxBytesPerWrite = 1024 * 1024;
    private const string SoftwareName = "actorstream-dotnet";

    private static readonly string s_softwareVersion = typeof(KafkaConnection).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";

    private readonly Socket? _socket;
    private readonly PipeReader? _reader;
    private readonly Channel<OutgoingFrame> _outgoing = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _lock = new();
    private readonly Dictionary<int, PendingRequest> _pending = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly NetworkSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly Task _readLoop;
    private readonly Task _writeLoop;
    private int _nextCorrelationId;
    private int _inFlight;
    private long _lastActivity;
    private KafkaError? _closeError;
    private ApiVersionSet _versions = ApiVersionSet.Unknown;

    private KafkaConnection(Socket socket, BrokerEndpoint endpoint, NetworkSettings settings)
        : this(endpoint, settings)
    {
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: false);
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true, useZeroByteReads: true));
        _readLoop = Task.Run(ReadLoopAsync);
        _writeLoop = Task.Run(WriteLoopAsync);
    }

    private KafkaConnection(IInProcessConnection inProcess, BrokerEndpoint endpoint, NetworkSettings settings)
        : this(endpoint, settings)
    {
        _inProcess = inProcess;
        _inProcessExchanges = Channel.CreateUnbounded<InProcessExchange>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _inProcessClosed = new CancellationTokenSource();
        _readLoop = Task.Run(InProcessResponseLoopAsync);
        _writeLoop = Task.Run(InProcessSendLoopAsync);
    }

    private KafkaConnection(BrokerEndpoint endpoint, NetworkSettings settings)
    {
        Endpoint = endpoint;
        _settings = settings;
        _time = settings.TimeProvider;
        _logger = settings.LoggerFactory.CreateLogger<KafkaConnection>();
        _lastActivity = _time.GetTimestamp();
        var period = TimeSpan.FromMilliseconds(Math.Clamp(settings.RequestTimeout.TotalMilliseconds / 10, 10, 100));
        _timer = _time.CreateTimer(static state => ((KafkaConnection)state!).CheckTimeouts(), this, period, period);
        _readLoop = Task.CompletedTask;
        _writeLoop = Task.CompletedTask;
    }

    /// <summary>The broker this connection talks to.</summary>
    public BrokerEndpoint Endpoint { get; }

    /// <summary>The negotiated API versions (only ApiVersions itself before negotiation completes).</summary>
    public ApiVersionSet Versions => Volatile.Read(ref _versions);

    /// <summary>True once the connection is closed; it never reopens.</summary>
    public bool IsClosed => Volatile.Read(ref _closeError) is not null;

    /// <summary>Why the connection closed, or null while it is open.</summary>
    public KafkaError? CloseError => Volatile.Read(ref _closeError);

    /// <summary>Completes when the connection has closed (never faults).</summary>
    public Task Completion => _closed.Task;

    /// <summary>Requests waiting for a response.</summary>
    public int InFlightRequests => Volatile.Read(ref _inFlight);

    /// <summary>TimeProvider timestamp of the last byte written or response read.</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    /// <summary>
    /// Opens a connection and negotiates API versions. Throws <see cref="KafkaException"/>
    /// (<see cref="LocalErrorCode.Transport"/>) when the broker cannot be reached within
    /// <see cref="NetworkSettings.ConnectTimeout"/>.
    /// </summary>
    public static async Task<KafkaConnection> ConnectAsync(BrokerEndpoint endpoint, NetworkSettings settings, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (settings.SendBufferBytes > 0)
        {
            socket.SendBufferSize = settings.SendBufferBytes;
        }

        if (settings.ReceiveBufferBytes > 0)
        {
            socket.ReceiveBufferSize = settings.ReceiveBufferBytes;
        }

        using var timeout = new CancellationTokenSource(settings.ConnectTimeout, settings.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            var reason = timeout.IsCancellationRequested
                ? $"Connecting to {endpoint} timed out after {settings.ConnectTimeout.TotalMilliseconds:0} ms"
                : $"Connecting to {endpoint} failed: {e.Message}";
            throw new KafkaException(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, reason), e);
        }

        var connection = new KafkaConnection(socket, endpoint, settings);
        await connection.HandshakeAsync(cancellationToken, linked.Token).ConfigureAwait(false);
        Log.Connected(connection._logger, endpoint, socket.LocalEndPoint);
        return connection;
    }

    /// <summary>
    /// Opens a connection to an in-process broker (no socket; <paramref name="endpoint"/> only names it)
    /// and negotiates API versions. Throws <see cref="KafkaException"/> (<see cref="LocalErrorCode.Transport"/>)
    /// when the broker refuses or does not answer within <see cref="NetworkSettings.ConnectTimeout"/>.
    /// </summary>
    public static async Task<KafkaConnection> ConnectInProcessAsync(BrokerEndpoint endpoint, IInProcessBroker broker, NetworkSettings settings, CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(settings.ConnectTimeout, settings.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        IInProcessConnection inProcess;
        try
        {
            inProcess = await broker.ConnectAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not KafkaException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reason = timeout.IsCancellationRequested
                ? $"Connecting to the in-process broker ({endpoint}) timed out after {settings.ConnectTimeout.TotalMilliseconds:0} ms"
                : $"Connecting to the in-process broker ({endpoint}) failed: {e.Message}";
            throw new KafkaException(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, reason), e);
        }

        var connection = new KafkaConnection(inProcess, endpoint, settings);
        await connection.HandshakeAsync(cancellationToken, linked.Token).ConfigureAwait(false);
        Log.ConnectedInProcess(connection._logger, endpoint);
        return connection;
    }

    /// <summary>Negotiates API versions; on failure disposes the connection and throws.</summary>
    private async Task HandshakeAsync(CancellationToken cancellationToken, CancellationToken linked)
    {
        try
        {
            await NegotiateVersionsAsync(linked).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (e is OperationCanceledException)
            {
                throw new KafkaException(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException,
                    $"ApiVersions handshake with {Endpoint} timed out after {_settings.ConnectTimeout.TotalMilliseconds:0} ms"), e);
            }

            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> at <paramref name="version"/> and returns its response. The
    /// caller picks the version from <see cref="Versions"/>. Cancelling abandons the wait only: the
    /// request may already be on the wire, and its response is then discarded.
    /// </summary>
    public Task<TResponse> SendAsync<TResponse>(IKafkaRequest request, short version, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : class, IKafkaResponse
    {
        var pending = Enqueue(request, version, expectResponse: true, timeout ?? _settings.RequestTimeout);
        return AwaitResponseAsync<TResponse>(pending, cancellationToken);
    }

    /// <summary>Sends a request that gets no response (acks=0 produce); completes once it is written to the socket.</summary>
    public Task SendWithoutResponseAsync(IKafkaRequest request, short version, CancellationToken cancellationToken = default)
    {
        var pending = Enqueue(request, version, expectResponse: false, _settings.RequestTimeout);
        return cancellationToken.CanBeCanceled ? pending.Task.WaitAsync(cancellationToken) : pending.Task;
    }

    /// <summary>Closes the connection; everything in flight fails with <see cref="LocalErrorCode.Transport"/>.</summary>
    public void Close(string reason) =>
        Close(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, $"Connection to {Endpoint} closed: {reason}"));

    public async ValueTask DisposeAsync()
    {
        Close(new KafkaError(LocalErrorCode.Destroyed, ErrorCode.NetworkException, $"Connection to {Endpoint} closed by the client"));
        await Task.WhenAll(_readLoop, _writeLoop).ConfigureAwait(false);
    }

    public override string ToString() => Endpoint.ToString();

    private static async Task<TResponse> AwaitResponseAsync<TResponse>(PendingRequest pending, CancellationToken cancellationToken)
        where TResponse : class, IKafkaResponse
    {
        var task = cancellationToken.CanBeCanceled ? pending.Task.WaitAsync(cancellationToken) : pending.Task;
        var response = await task.ConfigureAwait(false);
        return response as TResponse ?? throw new KafkaException(new KafkaError(LocalErrorCode.BadMessage, ErrorCode.UnknownServerError,
            $"Expected a {typeof(TResponse).Name}, got {response?.GetType().Name ?? "nothing"}"));
    }

    private async Task NegotiateVersionsAsync(CancellationToken cancellationToken)
    {
        ClientApiVersions.TryGet(ApiKey.ApiVersions, out var min, out var version);
        while (true)
        {
            var request = new ApiVersionsRequest { ClientSoftwareName = SoftwareName, ClientSoftwareVersion = s_softwareVersion };
            var response = await SendAsync<ApiVersionsResponse>(request, version, _settings.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            var error = (ErrorCode)response.ErrorCode;
            if (error == ErrorCode.UnsupportedVersion)
            {
                // The broker answered in v0 and listed its own ApiVersions range: retry with the highest common version.
                short brokerMax = -1;
                foreach (var range in response.ApiKeys)
                {
                    if (range.ApiKey == (short)ApiKey.ApiVersions)
                    {
                        brokerMax = range.MaxVersion;
                    }
                }

                var next = brokerMax >= 0 ? Math.Min(brokerMax, (short)(version - 1)) : version - 1;
                if (next < min)
                {
                    throw new KafkaException(new KafkaError(LocalErrorCode.UnsupportedFeature, ErrorCode.UnsupportedVersion,
                        $"{Endpoint} supports no ApiVersions version this client implements ({min}-{version})"));
                }

                version = (short)next;
                continue;
            }

            if (error != ErrorCode.None)
            {
                throw new KafkaException(new KafkaError(error, $"ApiVersions to {Endpoint} failed"));
            }

            Volatile.Write(ref _versions, ApiVersionSet.Negotiate(response.ApiKeys));
            return;
        }
    }

    private PendingRequest Enqueue(IKafkaRequest request, short version, bool expectResponse, TimeSpan timeout)
    {
        var header = new RequestHeader(request.ApiKey, version, 0, _settings.ClientId);
        var buffer = new PooledBufferWriter(4 + header.ComputeSize() + request.ComputeSize(version));
        try
        {
            KafkaFrame.WriteRequest(buffer, header, request);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }

        var deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        var pending = new PendingRequest(request.ApiKey, version, deadline, timeout);
        lock (_lock)
        {
            if (_closeError is { } error)
            {
                buffer.Dispose();
                pending.TrySetException(new KafkaException(error));
                return pending;
            }

            var correlationId = NextCorrelationIdLocked();
            BinaryPrimitives.WriteInt32BigEndian(buffer.WrittenSpanMutable[CorrelationIdOffset..], correlationId);
            pending.CorrelationId = correlationId;
            if (expectResponse)
            {
                _pending.Add(correlationId, pending);
                _inFlight = _pending.Count;
            }

            _outgoing.Writer.TryWrite(new OutgoingFrame(buffer, expectResponse ? null : pending));
        }

        return pending;
    }

    private int NextCorrelationIdLocked()
    {
        int id;
        do
        {
            id = _nextCorrelationId;
            _nextCorrelationId = id == int.MaxValue ? 0 : id + 1;
        }
        while (_pending.ContainsKey(id));

        return id;
    }

    /// <summary>An encoded request frame waiting for the write loop.</summary>
    /// <param name="Buffer">The frame; the write loop returns it to the pool.</param>
    /// <param name="CompleteOnWrite">The request to complete once written (requests without a response).</param>
    private readonly record struct OutgoingFrame(PooledBufferWriter Buffer, PendingRequest? CompleteOnWrite);
}
