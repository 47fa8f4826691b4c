using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Kafka.Tests;

/// <summary>
/// One more client connection to a node under test, speaking the protocol codecs: group specs need a
/// connection per member, because a parked JoinGroup holds back the responses behind it on its own
/// connection (responses keep request order).
/// </summary>
internal sealed class KafkaTestConnection : IDisposable
{
    private readonly TcpClient _client;
    private readonly string _clientId;
    private int _correlationId;

    private KafkaTestConnection(TcpClient client, string clientId)
    {
        _client = client;
        _clientId = clientId;
    }

    public static async Task<KafkaTestConnection> OpenAsync(EndPoint endPoint, string clientId)
    {
        var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)endPoint);
        return new KafkaTestConnection(client, clientId);
    }

    /// <summary>Sends a request and reads its response.</summary>
    public async Task<TResponse> RequestAsync<TResponse>(ApiKey apiKey, short version, IKafkaMessage body)
        where TResponse : IKafkaResponse
    {
        var correlationId = await SendAsync(apiKey, version, body);
        return await ReceiveAsync<TResponse>(apiKey, version, correlationId);
    }

    /// <summary>Sends a request without reading its response; returns its correlation id.</summary>
    public async Task<int> SendAsync(ApiKey apiKey, short version, IKafkaMessage body)
    {
        var correlationId = Interlocked.Increment(ref _correlationId);
        using var output = new PooledBufferWriter();
        KafkaFrame.WriteRequest(output, new RequestHeader(apiKey, version, correlationId, _clientId), body);
        await _client.GetStream().WriteAsync(output.WrittenMemory);
        return correlationId;
    }

    /// <summary>Reads the next response, which must answer <paramref name="correlationId"/>.</summary>
    public async Task<TResponse> ReceiveAsync<TResponse>(ApiKey apiKey, short version, int correlationId)
        where TResponse : IKafkaResponse
    {
        var stream = _client.GetStream();
        var size = new byte[4];
        await stream.ReadExactlyAsync(size).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(frame).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        var response = KafkaFrame.ReadResponse(frame, apiKey, version, out var header);
        Assert.Equal(correlationId, header.CorrelationId);
        return (TResponse)response;
    }

    public void Dispose() => _client.Dispose();
}
