using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace ActorStream.Kafka.Network.Tests.Support;

/// <summary>A raw TCP client speaking size-prefixed frames, for driving the listener.</summary>
internal sealed class TestClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _prefix = new byte[4];

    private TestClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<TestClient> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
            await socket.ConnectAsync(endPoint, timeout.Token);
            return new TestClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Socket Socket => _socket;

    public ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        _stream.WriteAsync(bytes, cancellationToken);

    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads one response frame's payload; null on a clean end of stream before the prefix.</summary>
    public async Task<byte[]?> ReadFrameAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        if (!await ReadExactlyOrEndAsync(_prefix, cts.Token))
        {
            return null;
        }

        var size = BinaryPrimitives.ReadInt32BigEndian(_prefix);
        var payload = new byte[size];
        if (!await ReadExactlyOrEndAsync(payload, cts.Token))
        {
            throw new EndOfStreamException($"Stream ended inside a {size}-byte response.");
        }

        return payload;
    }

    /// <summary>Fills <paramref name="buffer"/>; false if the stream ended first (at any point).</summary>
    public async Task<bool> ReadExactlyOrEndAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _stream.ReadAsync(buffer[read..], cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    /// <summary>
    /// Reads until the listener closes the connection (end of stream or reset) and returns the bytes that
    /// arrived meanwhile; fails if the connection is still open after the deadline.
    /// </summary>
    public async Task<byte[]> ReadUntilClosedAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? Eventually.DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(buffer, cts.Token);
                if (n == 0)
                {
                    return received.ToArray();
                }

                received.Write(buffer, 0, n);
            }
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return received.ToArray();
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The connection was still open after {limit} ({received.Length} bytes received).");
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _stream.DisposeAsync();
}
