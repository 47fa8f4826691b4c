using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Benchmarks.Kafka;

/// <summary>
/// One client connection of the Kafka load generator: sends whole pre-encoded request frames and
/// reads response frames (size prefix stripped) through a <see cref="PipeReader"/>. Sending and
/// receiving may run on two different tasks; each side is single-threaded.
/// </summary>
internal sealed class KafkaBenchConnection : IAsyncDisposable
{
    private const int SocketBufferBytes = 4 << 20;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private int _correlationId;

    private KafkaBenchConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 256 * 1024, minimumReadSize: 64 * 1024));
    }

    public static async Task<KafkaBenchConnection> ConnectAsync(string bootstrap, CancellationToken cancellationToken = default)
    {
        var (host, port) = ParseBootstrap(bootstrap);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            SendBufferSize = SocketBufferBytes,
            ReceiveBufferSize = SocketBufferBytes,
        };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new KafkaBenchConnection(socket);
    }

    public static (string Host, int Port) ParseBootstrap(string bootstrap)
    {
        var first = bootstrap.Split(',')[0].Trim();
        var colon = first.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(first.AsSpan(colon + 1), out var port))
        {
            throw new ArgumentException($"--bootstrap expects HOST:PORT, got '{bootstrap}'");
        }

        return (first[..colon].Trim('[', ']'), port);
    }

    public static IPEndPoint? TryParseEndPoint(string bootstrap) =>
        IPEndPoint.TryParse(bootstrap.Split(',')[0].Trim(), out var endPoint) ? endPoint : null;

    /// <summary>The next correlation id of this connection.</summary>
    public int NextCorrelationId() => Interlocked.Increment(ref _correlationId);

    /// <summary>Writes bytes that hold one or more complete frames (size prefixes included).</summary>
    public ValueTask SendAsync(ReadOnlyMemory<byte> frames, CancellationToken cancellationToken = default) =>
        _stream.WriteAsync(frames, cancellationToken);

    /// <summary>
    /// Reads the next response frame (without its size prefix) into an array rented from
    /// <see cref="ArrayPool{T}.Shared"/>; the caller returns it. Throws at end of stream.
    /// </summary>
    public async ValueTask<(byte[] Buffer, int Length)> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length >= 4)
            {
                var size = ReadSize(buffer);
                if (size < 0)
                {
                    throw new InvalidDataException($"Negative response size {size}");
                }

                if (buffer.Length >= 4 + size)
                {
                    var frame = buffer.Slice(4, size);
                    var array = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
                    frame.CopyTo(array);
                    _reader.AdvanceTo(frame.End);
                    return (array, size);
                }
            }

            if (result.IsCompleted)
            {
                throw new EndOfStreamException("The broker closed the connection");
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Sends one request and reads its response (control requests: no pipelining).</summary>
    public async Task<TResponse> RequestAsync<TResponse>(ApiKey apiKey, short version, IKafkaMessage body, CancellationToken cancellationToken = default)
        where TResponse : IKafkaResponse
    {
        var correlationId = NextCorrelationId();
        using (var output = new PooledBufferWriter())
        {
            KafkaFrame.WriteRequest(output, new RequestHeader(apiKey, version, correlationId, "actorstream-bench"), body);
            await SendAsync(output.WrittenMemory, cancellationToken);
        }

        var (buffer, length) = await ReceiveAsync(cancellationToken);
        try
        {
            var response = KafkaFrame.ReadResponse(buffer.AsMemory(0, length), apiKey, version, out var header);
            if (header.CorrelationId != correlationId)
            {
                throw new InvalidDataException($"Expected correlation id {correlationId}, got {header.CorrelationId}");
            }

            return (TResponse)response;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        await _stream.DisposeAsync();
    }

    private static int ReadSize(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.FirstSpan.Length >= 4)
        {
            return BinaryPrimitives.ReadInt32BigEndian(buffer.FirstSpan);
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        return BinaryPrimitives.ReadInt32BigEndian(prefix);
    }
}
