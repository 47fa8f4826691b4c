using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Node.Tests.Support;

/// <summary>One connection to a node speaking the repository's protocol codecs. Not thread-safe: one request at a time.</summary>
internal sealed class KafkaWireClient : IDisposable
{
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(30);

    private readonly TcpClient _client;
    private int _correlationId;

    private KafkaWireClient(TcpClient client) => _client = client;

    public static async Task<KafkaWireClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(10));
        return new KafkaWireClient(client);
    }

    public async Task<TResponse> RequestAsync<TResponse>(ApiKey apiKey, short version, IKafkaMessage body, TimeSpan? timeout = null)
        where TResponse : IKafkaResponse
    {
        var correlationId = await SendAsync(apiKey, version, body);
        return await ReceiveAsync<TResponse>(apiKey, version, correlationId, timeout);
    }

    public async Task<int> SendAsync(ApiKey apiKey, short version, IKafkaMessage body)
    {
        var correlationId = ++_correlationId;
        using var output = new PooledBufferWriter();
        KafkaFrame.WriteRequest(output, new RequestHeader(apiKey, version, correlationId, "node-spec"), body);
        await _client.GetStream().WriteAsync(output.WrittenMemory);
        return correlationId;
    }

    public async Task<TResponse> ReceiveAsync<TResponse>(ApiKey apiKey, short version, int correlationId, TimeSpan? timeout = null)
        where TResponse : IKafkaResponse
    {
        var stream = _client.GetStream();
        using var cts = new CancellationTokenSource(timeout ?? ResponseTimeout);
        var size = new byte[4];
        await stream.ReadExactlyAsync(size, cts.Token);
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(frame, cts.Token);
        var response = KafkaFrame.ReadResponse(frame, apiKey, version, out var header);
        Assert.Equal(correlationId, header.CorrelationId);
        return (TResponse)response;
    }

    /// <summary>True once the node closed the connection (reads end), false if it is still open after <paramref name="timeout"/>.</summary>
    public async Task<bool> IsClosedByPeerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            while (await _client.GetStream().ReadAsync(buffer, cts.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose() => _client.Dispose();
}
