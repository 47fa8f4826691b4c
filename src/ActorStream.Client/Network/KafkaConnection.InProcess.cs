using System.Buffers;
using System.Threading.Channels;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Client.Network;

/// <content>
/// The loops of a connection to an <see cref="IInProcessBroker"/>: no socket, the frames go to the
/// broker as they are. Request order and correlation ids are those of a TCP connection:
/// <code>
///  SendAsync ─► Enqueue (correlation id, pending map) ─► InProcessSendLoop: broker.SendAsync(frame) in request order ─► in-flight queue
///  in-flight queue ─► InProcessResponseLoop: await each response in request order ─► HandleFrame ─► complete the request's task
/// </code>
/// A request frame's buffer goes back to the pool once the broker has answered it, since the broker
/// may read it until then.
/// </content>
internal sealed partial class KafkaConnection
{
    private readonly IInProcessConnection? _inProcess;
    private readonly Channel<InProcessExchange>? _inProcessExchanges;
    private readonly CancellationTokenSource? _inProcessClosed;

    private async Task InProcessSendLoopAsync()
    {
        var reader = _outgoing.Reader;
        var exchanges = _inProcessExchanges!.Writer;
        var connection = _inProcess!;
        var closed = _inProcessClosed!.Token;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    // Each response is awaited exactly once, by the response loop (or after a close).
#pragma warning disable CA2012
                    ValueTask<IMemoryOwner<byte>?> response;
                    try
                    {
                        // The broker's frame is the request without its 4-byte size prefix.
                        response = connection.SendAsync(frame.Buffer.WrittenMemory[4..], closed);
                    }
                    catch (Exception e)
                    {
                        response = ValueTask.FromException<IMemoryOwner<byte>?>(e);
                    }
#pragma warning restore CA2012

                    Volatile.Write(ref _lastActivity, _time.GetTimestamp());
                    if (!exchanges.TryWrite(new InProcessExchange(frame, response)))
                    {
                        // Closed meanwhile: the response loop has stopped taking exchanges.
                        await CompleteExchangeAfterCloseAsync(new InProcessExchange(frame, response)).ConfigureAwait(false);
                    }
                }
            }
        }
        finally
        {
            exchanges.TryComplete();
        }
    }

    private async Task InProcessResponseLoopAsync()
    {
        var reader = _inProcessExchanges!.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var exchange))
            {
                if (IsClosed)
                {
                    await CompleteExchangeAfterCloseAsync(exchange).ConfigureAwait(false);
                    continue;
                }

                IMemoryOwner<byte>? response;
                try
                {
                    response = await exchange.Response.ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    exchange.Frame.Buffer.Dispose();
                    var error = new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, $"Connection to {Endpoint} closed by the broker: {e.Message}");
                    exchange.Frame.CompleteOnWrite?.TrySetException(new KafkaException(error));
                    Close(error);
                    continue;
                }

                exchange.Frame.Buffer.Dispose();
                Volatile.Write(ref _lastActivity, _time.GetTimestamp());
                if (response is null)
                {
                    exchange.Frame.CompleteOnWrite?.TrySetResult(null);
                    continue;
                }

                using (response)
                {
                    if (exchange.Frame.CompleteOnWrite is { } unanswered)
                    {
                        // A response to a request that expects none: the broker does not speak Kafka.
                        unanswered.TrySetResult(null);
                        Close(new KafkaError(LocalErrorCode.BadMessage, ErrorCode.UnknownServerError, $"Unexpected response from {Endpoint} to a request without a response"));
                        continue;
                    }

                    try
                    {
                        HandleFrame(new ReadOnlySequence<byte>(response.Memory));
                    }
                    catch (KafkaProtocolException e)
                    {
                        Close(new KafkaError(LocalErrorCode.BadMessage, ErrorCode.UnknownServerError, $"Invalid response from {Endpoint}: {e.Message}"));
                    }
                    catch (Exception e)
                    {
                        Log.LoopFailed(_logger, Endpoint, e);
                        Close(new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, $"Connection to {Endpoint} failed: {e.Message}"));
                    }
                }
            }
        }
    }

    /// <summary>Waits for the broker to finish with a frame of a closed connection (promptly: its token fired), then releases both sides.</summary>
    private async Task CompleteExchangeAfterCloseAsync(InProcessExchange exchange)
    {
        IMemoryOwner<byte>? response = null;
        try
        {
            response = await exchange.Response.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The connection is closed; the outcome no longer matters.
        }

        response?.Dispose();
        exchange.Frame.Buffer.Dispose();
        exchange.Frame.CompleteOnWrite?.TrySetException(new KafkaException(CloseError ?? new KafkaError(LocalErrorCode.Transport, ErrorCode.NetworkException, $"Connection to {Endpoint} closed")));
    }

    /// <summary>Tells the broker the connection is gone: its pending requests are cancelled.</summary>
    private void CloseInProcess()
    {
        _inProcessClosed?.Cancel();
        _inProcess?.Dispose();
    }

    /// <summary>A request handed to the broker and its pending response.</summary>
    private readonly record struct InProcessExchange(OutgoingFrame Frame, ValueTask<IMemoryOwner<byte>?> Response);
}
