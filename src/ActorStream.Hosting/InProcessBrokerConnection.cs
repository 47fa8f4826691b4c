using System.Buffers;
using System.Runtime.InteropServices;
using ActorStream.Client;
using ActorStream.Kafka.Network;
using Microsoft.Extensions.Logging;

namespace ActorStream.Hosting;

/// <summary>
/// One client connection to the embedded node. <see cref="SendAsync"/> runs the handler's synchronous
/// part on the caller (the client's send loop, one request after another, as a listener's read loop
/// does), so requests start in order; responses are handed back as the handler produces them, and the
/// client delivers them in request order. Disposing closes the connection: the handler token fires.
/// </summary>
internal sealed partial class InProcessBrokerConnection : IInProcessConnection
{
    private readonly InProcessBroker _broker;
    private readonly IKafkaRequestHandler _handler;
    private readonly CancellationTokenSource _closed = new();
    private readonly KafkaConnectionContext _context;
    private long _nextRequestNumber;
    private volatile bool _isClosed;

    public InProcessBrokerConnection(InProcessBroker broker, IKafkaRequestHandler handler, long id)
    {
        _broker = broker;
        _handler = handler;
        Id = id;
        _context = new KafkaConnectionContext(id, null, null, Dispose, _closed.Token);
    }

    public long Id { get; }

    public ValueTask<IMemoryOwner<byte>?> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        if (_isClosed || _broker.IsStopped)
        {
            return ValueTask.FromException<IMemoryOwner<byte>?>(new IOException("The in-process connection to the embedded ActorStream node is closed"));
        }

        if (request.Length < KafkaRequestFrame.MinimumLength)
        {
            Dispose();
            return ValueTask.FromException<IMemoryOwner<byte>?>(new IOException("A request frame is shorter than its header"));
        }

        if (!MemoryMarshal.TryGetArray(request, out var segment))
        {
            segment = new ArraySegment<byte>(request.ToArray());
        }

        var frame = new KafkaRequestFrame(segment.Array!, segment.Offset, segment.Count, _nextRequestNumber++);
        _broker.RequestStarted();
        ValueTask<KafkaResponse> pending;
        try
        {
            pending = _handler.HandleAsync(frame, _context, _closed.Token);
        }
        catch (Exception e)
        {
            _broker.RequestCompleted();
            return ValueTask.FromException<IMemoryOwner<byte>?>(Failed(e));
        }

        if (pending.IsCompletedSuccessfully)
        {
            _broker.RequestCompleted();
            try
            {
                return ValueTask.FromResult(ToOwner(pending.Result));
            }
            catch (IOException e)
            {
                return ValueTask.FromException<IMemoryOwner<byte>?>(e);
            }
        }

        return AwaitAsync(pending);
    }

    public void Dispose()
    {
        if (_isClosed)
        {
            return;
        }

        _isClosed = true;
        _broker.Remove(Id);
        try
        {
            _closed.Cancel();
        }
        catch (AggregateException e)
        {
            Log.CloseCallbackFailed(_broker.Logger, Id, e);
        }
    }

    private async ValueTask<IMemoryOwner<byte>?> AwaitAsync(ValueTask<KafkaResponse> pending)
    {
        KafkaResponse response;
        try
        {
            response = await pending.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw Failed(e);
        }
        finally
        {
            _broker.RequestCompleted();
        }

        return ToOwner(response);
    }

    private IMemoryOwner<byte>? ToOwner(KafkaResponse response)
    {
        IMemoryOwner<byte>? owner = null;
        switch (response.Kind)
        {
            case KafkaResponseKind.Payload:
                var payload = response.PayloadSequence;
                if (payload.IsSingleSegment)
                {
                    owner = new ResponseOwner(response, payload.First);
                }
                else
                {
                    // Stored batches referenced in several segments: one copy, as the listener's write would make.
                    var length = (int)payload.Length;
                    var array = ArrayPool<byte>.Shared.Rent(length);
                    payload.CopyTo(array);
                    response.Release();
                    owner = new RentedOwner(array, length);
                }

                break;
            case KafkaResponseKind.CloseConnection:
                Dispose();
                throw new IOException("The embedded ActorStream node closed the connection (a request it cannot serve)");
        }

        if (response.CloseAfterSend)
        {
            Dispose();
        }

        return owner;
    }

    private IOException Failed(Exception e)
    {
        if (e is OperationCanceledException && _isClosed)
        {
            return new IOException("The in-process connection to the embedded ActorStream node is closed", e);
        }

        Log.HandlerFailed(_broker.Logger, Id, e);
        Dispose();
        return new IOException($"The embedded ActorStream node failed to serve a request: {e.Message}", e);
    }

    /// <summary>A handler's single-segment payload; disposing releases it to its pool or owner.</summary>
    private sealed class ResponseOwner(KafkaResponse response, ReadOnlyMemory<byte> payload) : IMemoryOwner<byte>
    {
        private int _released;

        public Memory<byte> Memory => MemoryMarshal.AsMemory(payload);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                response.Release();
            }
        }
    }

    /// <summary>An array rented from <see cref="ArrayPool{T}.Shared"/>; disposing returns it.</summary>
    private sealed class RentedOwner(byte[] array, int length) : IMemoryOwner<byte>
    {
        private byte[]? _array = array;

        public Memory<byte> Memory => new(_array ?? throw new ObjectDisposedException(nameof(RentedOwner)), 0, length);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } rented)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "In-process connection {ConnectionId}: the request handler failed; closing the connection")]
        public static partial void HandlerFailed(ILogger logger, long connectionId, Exception exception);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "In-process connection {ConnectionId}: a close callback failed")]
        public static partial void CloseCallbackFailed(ILogger logger, long connectionId, Exception exception);
    }
}
