using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Client.Network;

/// <content>The write loop, the read loop, request timeouts and closing.</content>
internal sealed partial class KafkaConnection
{
    private async Task WriteLoopAsync()
    {
        var frames = new List<OutgoingFrame>(MaxFramesPerWrite);
        var segments = new List<ArraySegment<byte>>(MaxFramesPerWrite);
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var total = 0;
                while (frames.Count < MaxFramesPerWrite && total < MaxBytesPerWrite && reader.TryRead(out var frame))
                {
                    frames.Add(frame);
                    MemoryMarshal.TryGetArray(frame.Buffer.WrittenMemory, out var segment);
                    segments.Add(segment);
                    total += segment.Count;
                }

                await SendAllAsync(segments, total).ConfigureAwait(false);
                Volatile.Write(ref _lastActivity, _time.GetTimestamp());
                foreach (var frame in frames)
                {
                    frame.Buffer.Dispose();
                    frame.CompleteOnWrite?.TrySetResult(null);
                }

                frames.Clear();
                segments.Clear();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            Close(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, $"Connection to {Endpoint} lost while writing: {e.Message}"));
        }
        catch (Exception e)
        {
            Log.LoopFailed(_logger, Endpoint, e);
            Close(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, $"Connection to {Endpoint} failed: {e.Message}"));
        }
        finally
        {
            var error = CloseError ?? new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, $"Connection to {Endpoint} closed");
            foreach (var frame in frames)
            {
                frame.Buffer.Dispose();
                frame.CompleteOnWrite?.TrySetException(new KafkaException(error));
            }
        }
    }

    private async ValueTask SendAllAsync(List<ArraySegment<byte>> segments, int total)
    {
        var sent = 0;
        while (true)
        {
            var n = segments.Count == 1
                ? await _socket!.SendAsync(segments[0].AsMemory(), SocketFlags.None).ConfigureAwait(false)
                : await _socket!.SendAsync(segments, SocketFlags.None).ConfigureAwait(false);
            if (n <= 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }

            sent += n;
            if (sent >= total)
            {
                return;
            }

            // A partial write: drop what was sent and go on with the rest.
            while (n > 0)
            {
                var first = segments[0];
                if (n >= first.Count)
                {
                    n -= first.Count;
                    segments.RemoveAt(0);
                }
                else
                {
                    segments[0] = first.Slice(n);
                    n = 0;
                }
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _reader!.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (KafkaFrame.TryReadFrame(ref buffer, _settings.MaxResponseSize, out var frame))
                    {
                        HandleFrame(frame);
                    }

                    if (result.IsCompleted || result.IsCanceled)
                    {
                        Close(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, $"Connection to {Endpoint} closed by the broker"));
                        return;
                    }
                }
                finally
                {
                    _reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        catch (KafkaProtocolException e)
        {
            Close(new KafkaError(LocalErrorCode.BadMessage, ErrorCode.UnknownServerError, $"Invalid response from {Endpoint}: {e.Message}"));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, $"Connection to {Endpoint} lost: {e.Message}"));
        }
        catch (Exception e)
        {
            Log.LoopFailed(_logger, Endpoint, e);
            Close(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, $"Connection to {Endpoint} failed: {e.Message}"));
        }
        finally
        {
            await _reader!.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void HandleFrame(ReadOnlySequence<byte> frame)
    {
        if (frame.Length < 4)
        {
            throw new KafkaProtocolException("A response frame is shorter than its header.");
        }

        Span<byte> prefix = stackalloc byte[4];
        frame.Slice(0, 4).CopyTo(prefix);
        var correlationId = BinaryPrimitives.ReadInt32BigEndian(prefix);
        PendingRequest? pending;
        lock (_lock)
        {
            _pending.Remove(correlationId, out pending);
            _inFlight = _pending.Count;
        }

        if (pending is null)
        {
            throw new KafkaProtocolException($"Response with correlation id {correlationId} matches no request.");
        }

        Volatile.Write(ref _lastActivity, _time.GetTimestamp());
        IKafkaResponse response;
        byte[]? rented = null;
        try
        {
            ReadOnlyMemory<byte> memory;
            var length = (int)frame.Length;
            if (pending.ApiKey == ApiKey.Fetch)
            {
                // Fetch responses hand out slices of their records: they get a buffer of their own.
                memory = frame.ToArray();
            }
            else if (frame.IsSingleSegment)
            {
                memory = frame.First;
            }
            else
            {
                rented = ArrayPool<byte>.Shared.Rent(length);
                frame.CopyTo(rented);
                memory = rented.AsMemory(0, length);
            }

            var version = pending.Version;
            if (pending.ApiKey == ApiKey.ApiVersions && version > 0 && length >= 6
                && BinaryPrimitives.ReadInt16BigEndian(memory.Span[4..]) == (short)ErrorCode.UnsupportedVersion)
            {
                version = 0; // a broker answers an ApiVersions version it does not know in v0
            }

            response = KafkaFrame.ReadResponse(memory, pending.ApiKey, version, out _);
        }
        catch (KafkaProtocolException e)
        {
            pending.TrySetException(new KafkaException(new KafkaError(LocalErrorCode.BadMessage, ErrorCode.UnknownServerError,
                $"Invalid {pending.ApiKey} v{pending.Version} response from {Endpoint}: {e.Message}"), e));
            throw;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        pending.TrySetResult(response);
    }

    private void CheckTimeouts()
    {
        var now = _time.GetTimestamp();
        PendingRequest? expired = null;
        lock (_lock)
        {
            if (_closeError is not null)
            {
                return;
            }

            foreach (var pending in _pending.Values)
            {
                if (pending.Deadline <= now)
                {
                    expired = pending;
                    break;
                }
            }
        }

        if (expired is not null)
        {
            var timeout = $"{expired.ApiKey} request (correlation id {expired.CorrelationId}) to {Endpoint} got no response within {expired.Timeout.TotalMilliseconds:0} ms";
            Log.RequestTimedOut(_logger, Endpoint, expired.ApiKey, expired.CorrelationId, (long)expired.Timeout.TotalMilliseconds);
            Close(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, $"Connection to {Endpoint} closed: a request timed out"),
                expired, new KafkaError(LocalErrorCode.TimedOut, ErrorCode.RequestTimedOut, timeout));
        }
    }

    private void Close(KafkaError error, PendingRequest? timedOut = null, KafkaError? timeoutError = null)
    {
        PendingRequest[] pending;
        lock (_lock)
        {
            if (_closeError is not null)
            {
                return;
            }

            Volatile.Write(ref _closeError, error);
            pending = new PendingRequest[_pending.Count];
            _pending.Values.CopyTo(pending, 0);
            _pending.Clear();
            _inFlight = 0;
        }

        _outgoing.Writer.TryComplete();
        _timer.Dispose();
        if (_socket is not null)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already closed.
            }

            _socket.Dispose();
        }
        else
        {
            CloseInProcess();
        }

        foreach (var request in pending)
        {
            request.TrySetException(new KafkaException(ReferenceEquals(request, timedOut) ? timeoutError! : error));
        }

        while (_outgoing.Reader.TryRead(out var frame))
        {
            frame.Buffer.Dispose();
            frame.CompleteOnWrite?.TrySetException(new KafkaException(error));
        }

        if (error.LocalCode == LocalErrorCode.Destroyed)
        {
            Log.Closed(_logger, Endpoint);
        }
        else
        {
            Log.Disconnected(_logger, Endpoint, error.Reason, pending.Length);
        }

        _closed.TrySetResult();
    }
}
