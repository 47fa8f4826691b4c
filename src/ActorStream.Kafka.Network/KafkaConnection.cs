using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ActorStream.Kafka.Network;

/// <summary>
/// One accepted client connection: a read loop that frames requests and hands them to the handler, and a
/// write loop that writes the responses in request order. Both loops run on the thread pool.
/// </summary>
/// <remarks>
/// <code>
///  socket ──► PipeReader ──► ReadLoop: TryReadFrame ─► rent + copy ─► handler.HandleAsync ─► RequestQueue
///                                                                                                  │ (in order)
///  socket ◄── PipeWriter ◄── WriteLoop: await response ─► size prefix + payload ─► flush per batch ◄─┘
/// </code>
/// Closing is cooperative: <see cref="StopReading"/> ends the read loop, the write loop drains what was read,
/// then the socket is half-closed and lingers (see <see cref="KafkaListenerSettings.CloseLingerTimeout"/>).
/// When the peer ends its stream, requests it sent are still answered, but the handler token fires once the
/// linger timeout has passed, so that a parked request (a long poll, a join) cannot hold the connection of a
/// client that is gone for as long as the request asked to wait.
/// <see cref="Abort"/> additionally discards pending responses, fires the handler token and closes the socket.
/// Thread-safety: <see cref="Abort"/>, <see cref="RequestStop"/> and <see cref="CloseIfIdle"/> may be called
/// from any thread; everything else belongs to the two loops.
/// </remarks>
internal sealed class KafkaConnection
{
    /// <summary>Unflushed bytes after which the write loop flushes even if more responses are ready.</summary>
    internal const int FlushThresholdBytes = 256 * 1024;

    /// <summary>Input discarded while lingering before the socket is closed regardless.</summary>
    internal const long MaxLingerBytes = 1024 * 1024;

    internal const int ReadBufferSize = 64 * 1024;
    internal const int MinimumReadSize = 16 * 1024;
    internal const int WriteBufferSize = 64 * 1024;

    /// <summary>Segments of a multi-segment payload at least this long are written to the socket without the pipe.</summary>
    internal const int DirectWriteSegmentBytes = 16 * 1024;

    private readonly KafkaListener _listener;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly RequestQueue _queue;
    private readonly CancellationTokenSource _closedCts = new();
    private readonly CancellationToken _closedToken;
    private readonly IKafkaRequestHandler _handler;
    private readonly ILogger _logger;
    private readonly ListenerCounters _counters;
    private readonly TimeProvider _time;
    private readonly int _maxFrameBytes;
    private readonly TimeSpan _lingerTimeout;
    private readonly string _remote;
    private int _closeReason;
    private volatile bool _stopReading;
    private volatile bool _aborted;
    private volatile bool _transportFailed;
    private bool _peerClosed;
    private ITimer? _peerClosedTimer;
    private long _lastActivity;
    private long _nextSequence;

    public KafkaConnection(KafkaListener listener, Socket socket, long id, IPEndPoint? remoteEndPoint)
    {
        _listener = listener;
        _socket = socket;
        Id = id;
        RemoteAddress = remoteEndPoint?.Address;
        _remote = remoteEndPoint?.ToString() ?? "unknown";
        _handler = listener.Handler;
        _logger = listener.Logger;
        _counters = listener.Counters;
        _time = listener.TimeProvider;
        var settings = listener.Settings;
        _maxFrameBytes = settings.SocketRequestMaxBytes;
        _lingerTimeout = settings.CloseLingerTimeout;
        _queue = new RequestQueue(settings.MaxInFlightRequestsPerConnection);
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, minimumReadSize: MinimumReadSize, leaveOpen: true, useZeroByteReads: true));
        _writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: WriteBufferSize, leaveOpen: true));
        _closedToken = _closedCts.Token;
        _lastActivity = _time.GetTimestamp();
        Context = new KafkaConnectionContext(id, socket.LocalEndPoint, remoteEndPoint, this, _closedToken);
    }

    public long Id { get; }

    public IPAddress? RemoteAddress { get; }

    public string Remote => _remote;

    public KafkaConnectionContext Context { get; }

    /// <summary>Completes when the connection is closed and released; never faults.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public ConnectionCloseReason CloseReason => (ConnectionCloseReason)Volatile.Read(ref _closeReason);

    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>Graceful close for a listener stop: read nothing more, answer what was read, close.</summary>
    public void RequestStop()
    {
        TrySetReason(ConnectionCloseReason.ListenerStopping);
        StopReading();
    }

    /// <summary>Closes the connection if nothing is in flight and no request arrived within <paramref name="idleTimeout"/>.</summary>
    public void CloseIfIdle(long now, TimeSpan idleTimeout)
    {
        if (_stopReading || _queue.Count != 0 || _time.GetElapsedTime(Volatile.Read(ref _lastActivity), now) < idleTimeout)
        {
            return;
        }

        if (TrySetReason(ConnectionCloseReason.IdleTimeout))
        {
            Interlocked.Increment(ref _counters.IdleConnectionsClosed);
            KafkaListener.Log.IdleTimeout(_logger, Id, _remote, idleTimeout);
            StopReading();
        }
    }

    /// <summary>Hard close: no further response is written and the handler token fires.</summary>
    public void Abort(ConnectionCloseReason reason)
    {
        TrySetReason(reason);
        _aborted = true;
        StopReading();
        CancelClosedToken();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer or by the connection itself.
        }

        _socket.Dispose();
    }

    private async Task RunAsync()
    {
        var writeLoop = Task.CompletedTask;
        try
        {
            writeLoop = WriteLoopAsync();
            await ReadLoopAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The loops handle transport and handler failures themselves; reaching this is a bug, contained here.
            OnUnexpectedFailure(ex);
        }

        _queue.CompleteAdding();
        try
        {
            await writeLoop.ConfigureAwait(false);
            if (!_aborted && !_transportFailed)
            {
                await CloseGracefullyAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            OnUnexpectedFailure(ex);
        }
        finally
        {
            await ReleaseTransportAsync().ConfigureAwait(false);
            CancelClosedToken();
            if (_peerClosedTimer is { } timer)
            {
                await timer.DisposeAsync().ConfigureAwait(false);
            }

            _listener.OnConnectionClosed(this);
        }
    }

    private void OnUnexpectedFailure(Exception ex)
    {
        KafkaListener.Log.ConnectionFailed(_logger, Id, _remote, ex);
        Abort(ConnectionCloseReason.SocketError);
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_stopReading)
            {
                if (!_queue.HasSpace && !await _queue.WaitForSpaceAsync().ConfigureAwait(false))
                {
                    return;
                }

                var result = await _reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled || _stopReading)
                {
                    _reader.AdvanceTo(result.Buffer.Start);
                    return;
                }

                if (!ProcessBuffer(result))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (IsTransportError(ex))
        {
            OnTransportError(ex);
        }
    }

    /// <summary>Frames and dispatches what was read. Returns false when the read loop must end.</summary>
    private bool ProcessBuffer(in ReadResult result)
    {
        var buffer = result.Buffer;
        var examined = buffer.End;
        try
        {
            while (true)
            {
                if (_stopReading)
                {
                    return false;
                }

                if (!_queue.HasSpace)
                {
                    // Back-pressure: leave the rest unexamined so the next read returns it at once.
                    examined = buffer.Start;
                    return true;
                }

                switch (FrameReader.TryReadFrame(ref buffer, _maxFrameBytes, out var frame, out var size))
                {
                    case FrameStatus.Complete:
                        Dispatch(frame);
                        break;
                    case FrameStatus.NeedMoreData:
                        if (!result.IsCompleted)
                        {
                            return true;
                        }

                        _peerClosed = true;
                        CancelHandlersAfterLinger();
                        if (buffer.IsEmpty)
                        {
                            TrySetReason(ConnectionCloseReason.PeerClosed);
                        }
                        else
                        {
                            TrySetReason(ConnectionCloseReason.TruncatedFrame);
                            KafkaListener.Log.TruncatedFrame(_logger, Id, _remote, buffer.Length, size);
                        }

                        return false;
                    case FrameStatus.SizeInvalid:
                        Interlocked.Increment(ref _counters.FramesRejected);
                        TrySetReason(ConnectionCloseReason.FrameSizeInvalid);
                        KafkaListener.Log.FrameSizeInvalid(_logger, Id, _remote, size, _maxFrameBytes);
                        return false;
                    default:
                        Interlocked.Increment(ref _counters.FramesRejected);
                        TrySetReason(ConnectionCloseReason.FrameTooShort);
                        KafkaListener.Log.FrameTooShort(_logger, Id, _remote, size, KafkaRequestFrame.MinimumLength);
                        return false;
                }
            }
        }
        finally
        {
            _reader.AdvanceTo(buffer.Start, examined);
        }
    }

    private void Dispatch(in ReadOnlySequence<byte> frameBytes)
    {
        var length = (int)frameBytes.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        frameBytes.CopyTo(buffer);
        var apiKey = BinaryPrimitives.ReadInt16BigEndian(buffer);
        var apiVersion = BinaryPrimitives.ReadInt16BigEndian(buffer.AsSpan(2));
        var correlationId = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(4));
        var sequence = _nextSequence++;
        var slot = _queue.Reserve(buffer, sequence, apiKey, apiVersion, correlationId);
        Volatile.Write(ref _lastActivity, _time.GetTimestamp());
        Interlocked.Increment(ref _counters.RequestsReceived);
        Interlocked.Add(ref _counters.BytesReceived, length + FrameReader.PrefixLength);
        KafkaListener.Log.FrameReceived(_logger, Id, apiKey, apiVersion, correlationId, length);

        ValueTask<KafkaResponse> response;
        try
        {
            response = _handler.HandleAsync(new KafkaRequestFrame(buffer, length, _queue, slot, sequence), Context, _closedToken);
        }
        catch (Exception ex)
        {
            // Reported in order by the write loop, after the responses of earlier requests.
            response = ValueTask.FromException<KafkaResponse>(ex);
        }

        _queue.Publish(slot, response);
    }

    private async Task WriteLoopAsync()
    {
        long unflushed = 0;
        var discard = false;
        while (true)
        {
            if (!_queue.TryPeek(out var slot))
            {
                if (unflushed > 0)
                {
                    discard |= !await FlushAsync().ConfigureAwait(false);
                    unflushed = 0;
                }

                if (!await _queue.WaitForItemAsync().ConfigureAwait(false))
                {
                    break;
                }

                continue;
            }

            var pending = _queue.GetResponseAsync(slot);
            if (!pending.IsCompleted && unflushed > 0)
            {
                // Put what is ready on the wire before waiting for a slow handler.
                discard |= !await FlushAsync().ConfigureAwait(false);
                unflushed = 0;
            }

            KafkaResponse response;
            try
            {
                response = await pending.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                OnHandlerFailed(slot, ex);
                ReleaseSlot(slot);
                discard = true;
                continue;
            }

            ReleaseSlot(slot);
            discard |= _aborted;
            try
            {
                if (discard)
                {
                    continue;
                }

                if (response.Kind == KafkaResponseKind.Payload && HasDirectSegments(response.PayloadSequence))
                {
                    // Large referenced segments (stored record batches) go from their own memory to the
                    // socket; the payload is released only once the socket took them.
                    var (sent, buffered) = await WriteFrameDirectAsync(response.PayloadSequence).ConfigureAwait(false);
                    discard |= !sent;
                    unflushed = buffered;
                }
                else if (response.Kind == KafkaResponseKind.Payload)
                {
                    unflushed += WriteFrame(response.PayloadSequence);
                }
                else if (response.Kind == KafkaResponseKind.CloseConnection)
                {
                    KafkaListener.Log.HandlerRequestedClose(_logger, Id, _remote);
                }
            }
            finally
            {
                response.Release();
            }

            if (response.CloseAfterSend)
            {
                TrySetReason(ConnectionCloseReason.HandlerRequestedClose);
                StopReading();
                if (unflushed > 0)
                {
                    await FlushAsync().ConfigureAwait(false);
                    unflushed = 0;
                }

                // Later requests will not be answered: let their handlers give up.
                CancelClosedToken();
                discard = true;
            }
            else if (unflushed >= FlushThresholdBytes)
            {
                discard |= !await FlushAsync().ConfigureAwait(false);
                unflushed = 0;
            }
        }

        if (unflushed > 0 && !discard)
        {
            await FlushAsync().ConfigureAwait(false);
        }
    }

    private long WriteFrame(in ReadOnlySequence<byte> payload)
    {
        var prefix = _writer.GetSpan(FrameReader.PrefixLength);
        BinaryPrimitives.WriteInt32BigEndian(prefix, (int)payload.Length);
        _writer.Advance(FrameReader.PrefixLength);
        if (payload.IsSingleSegment)
        {
            _writer.Write(payload.FirstSpan);
        }
        else
        {
            foreach (var segment in payload)
            {
                _writer.Write(segment.Span);
            }
        }

        var bytes = payload.Length + FrameReader.PrefixLength;
        Interlocked.Increment(ref _counters.ResponsesSent);
        Interlocked.Add(ref _counters.BytesSent, bytes);
        return bytes;
    }

    private static bool HasDirectSegments(in ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment || payload.Length < DirectWriteSegmentBytes)
        {
            return false;
        }

        foreach (var segment in payload)
        {
            if (segment.Length >= DirectWriteSegmentBytes)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes a frame whose large segments bypass the pipe: what is buffered is flushed, then each such
    /// segment is written to the socket straight from its memory (one copy, into the kernel, instead of
    /// one more into pipe buffers). Small segments are buffered as usual. Returns whether the transport
    /// held up and the bytes left buffered.
    /// </summary>
    private async ValueTask<(bool Sent, long Buffered)> WriteFrameDirectAsync(ReadOnlySequence<byte> payload)
    {
        var prefix = _writer.GetSpan(FrameReader.PrefixLength);
        BinaryPrimitives.WriteInt32BigEndian(prefix, (int)payload.Length);
        _writer.Advance(FrameReader.PrefixLength);
        long buffered = FrameReader.PrefixLength;
        foreach (var segment in payload)
        {
            if (segment.Length < DirectWriteSegmentBytes)
            {
                _writer.Write(segment.Span);
                buffered += segment.Length;
                continue;
            }

            if (!await FlushAsync().ConfigureAwait(false))
            {
                return (false, 0);
            }

            buffered = 0;
            try
            {
                await _stream.WriteAsync(segment).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsTransportError(ex))
            {
                OnTransportError(ex);
                return (false, 0);
            }
        }

        Interlocked.Increment(ref _counters.ResponsesSent);
        Interlocked.Add(ref _counters.BytesSent, payload.Length + FrameReader.PrefixLength);
        return (true, buffered);
    }

    /// <summary>Flushes; returns false (and closes the connection) if the transport failed.</summary>
    private async ValueTask<bool> FlushAsync()
    {
        try
        {
            var result = await _writer.FlushAsync().ConfigureAwait(false);
            if (result.IsCanceled || result.IsCompleted)
            {
                StopReading();
                return false;
            }

            return true;
        }
        catch (Exception ex) when (IsTransportError(ex))
        {
            OnTransportError(ex);
            return false;
        }
    }

    private void ReleaseSlot(int slot)
    {
        var buffer = _queue.Release(slot);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        Volatile.Write(ref _lastActivity, _time.GetTimestamp());
    }

    private void OnHandlerFailed(int slot, Exception ex)
    {
        if (ex is OperationCanceledException && _closedToken.IsCancellationRequested)
        {
            // The handler gave up because the connection is closing: expected, not a failure.
            return;
        }

        var (apiKey, apiVersion, correlationId) = _queue.GetHeader(slot);
        Interlocked.Increment(ref _counters.HandlerFailures);
        TrySetReason(ConnectionCloseReason.HandlerFailed);
        KafkaListener.Log.HandlerFailed(_logger, Id, _remote, apiKey, apiVersion, correlationId, ex);
        StopReading();
        CancelClosedToken();
    }

    private void OnTransportError(Exception ex)
    {
        _transportFailed = true;
        if (TrySetReason(ConnectionCloseReason.SocketError))
        {
            KafkaListener.Log.TransportError(_logger, Id, _remote, ex.Message);
        }

        _aborted = true;
        StopReading();
        CancelClosedToken();
    }

    /// <summary>Half-closes so the peer sees the end of the responses, then discards input for a bounded time.</summary>
    private async Task CloseGracefullyAsync()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return;
        }

        if (_peerClosed || _lingerTimeout <= TimeSpan.Zero)
        {
            return;
        }

        using var linger = new CancellationTokenSource(_lingerTimeout, _time);
        try
        {
            long discarded = 0;
            while (discarded <= MaxLingerBytes)
            {
                var result = await _reader.ReadAsync(linger.Token).ConfigureAwait(false);
                discarded += result.Buffer.Length;
                _reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || IsTransportError(ex))
        {
            // Linger over: the peer kept the connection open or reset it.
        }
    }

    private async Task ReleaseTransportAsync()
    {
        try
        {
            await _reader.CompleteAsync().ConfigureAwait(false);
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportError(ex))
        {
            // Unflushed bytes of a failed connection are lost by design.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }

    private void StopReading()
    {
        _stopReading = true;
        _queue.CloseProducer();
        try
        {
            _reader.CancelPendingRead();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // The reader is already completed.
        }
    }

    /// <summary>The peer sent its last byte: in-flight handlers get the linger timeout to finish, then their token fires.</summary>
    private void CancelHandlersAfterLinger()
    {
        if (_lingerTimeout <= TimeSpan.Zero)
        {
            CancelClosedToken();
            return;
        }

        _peerClosedTimer = _time.CreateTimer(static state => ((KafkaConnection)state!).CancelClosedToken(), this, _lingerTimeout, Timeout.InfiniteTimeSpan);
    }

    private void CancelClosedToken()
    {
        try
        {
            _closedCts.Cancel();
        }
        catch (AggregateException ex)
        {
            KafkaListener.Log.CancellationCallbackFailed(_logger, Id, _remote, ex);
        }
    }

    private bool TrySetReason(ConnectionCloseReason reason) =>
        Interlocked.CompareExchange(ref _closeReason, (int)reason, (int)ConnectionCloseReason.None) == (int)ConnectionCloseReason.None;

    private static bool IsTransportError(Exception ex) =>
        ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException;
}
