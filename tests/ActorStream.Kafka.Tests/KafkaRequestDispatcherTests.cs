using System.Buffers.Binary;
using System.Net.Sockets;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

/// <summary>The dispatcher behind a real listener on loopback, spoken to with the protocol codecs.</summary>
public sealed class KafkaRequestDispatcherTests : IAsyncLifetime
{
    private KafkaListener _listener = null!;

    public Task InitializeAsync()
    {
        _listener = new KafkaListener(KafkaListenerSettings.Default with { Host = "127.0.0.1", Port = 0 }, new KafkaRequestDispatcher([new EmptyMetadataHandler()]));
        _listener.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _listener.DisposeAsync();

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(_listener.EndPoint);
        return client;
    }

    private static async Task SendAsync(NetworkStream stream, ApiKey apiKey, short version, int correlationId, IKafkaMessage body)
    {
        var output = new PooledBufferWriter();
        KafkaFrame.WriteRequest(output, new RequestHeader(apiKey, version, correlationId, "spec"), body);
        await stream.WriteAsync(output.WrittenMemory);
    }

    private static async Task<byte[]> ReceiveFrameAsync(NetworkStream stream)
    {
        var size = new byte[4];
        await stream.ReadExactlyAsync(size).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(frame).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return frame;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ApiVersions_EverySupportedVersion_ListsTheAdvertisedRanges(short version)
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await SendAsync(stream, ApiKey.ApiVersions, version, 7, new ApiVersionsRequest { ClientSoftwareName = "spec", ClientSoftwareVersion = "1" });
        var response = (ApiVersionsResponse)KafkaFrame.ReadResponse(await ReceiveFrameAsync(stream), ApiKey.ApiVersions, version, out var header);

        Assert.Equal(7, header.CorrelationId);
        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
        Assert.Equal(ApiVersionTable.Supported.Length, response.ApiKeys.Count);
        var produce = Assert.Single(response.ApiKeys, k => k.ApiKey == (short)ApiKey.Produce);
        Assert.True(ApiVersionTable.TryGet(ApiKey.Produce, out var expected));
        Assert.Equal(expected.MinVersion, produce.MinVersion);
        Assert.Equal(expected.MaxVersion, produce.MaxVersion);
    }

    [Fact]
    public async Task ApiVersions_NewerThanSupported_AnswersUnsupportedVersionInV0()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();

        // A v9 request: only the header matters, the broker must not parse the body.
        var frame = new byte[4 + 8 + 2 + 4];
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(4), (short)ApiKey.ApiVersions);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(6), 9);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), 42);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(12), 4);
        "spec"u8.CopyTo(frame.AsSpan(14));
        await stream.WriteAsync(frame);

        var response = (ApiVersionsResponse)KafkaFrame.ReadResponse(await ReceiveFrameAsync(stream), ApiKey.ApiVersions, 0, out var header);
        Assert.Equal(42, header.CorrelationId);
        Assert.Equal((short)ErrorCode.UnsupportedVersion, response.ErrorCode);
        Assert.NotEmpty(response.ApiKeys);
    }

    [Fact]
    public async Task UnknownApiKey_ClosesOnlyThatConnection()
    {
        using var bad = await ConnectAsync();
        var badStream = bad.GetStream();
        var frame = new byte[4 + 8 + 2];
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(4), 999);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), 1);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(12), -1);
        await badStream.WriteAsync(frame);
        var buffer = new byte[16];
        var read = await badStream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, read);

        using var good = await ConnectAsync();
        var goodStream = good.GetStream();
        await SendAsync(goodStream, ApiKey.ApiVersions, 3, 1, new ApiVersionsRequest { ClientSoftwareName = "spec", ClientSoftwareVersion = "1" });
        var response = (ApiVersionsResponse)KafkaFrame.ReadResponse(await ReceiveFrameAsync(goodStream), ApiKey.ApiVersions, 3, out _);
        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
    }

    /// <summary>Answers every Metadata request with no brokers and no topics.</summary>
    private sealed class EmptyMetadataHandler : Handlers.IApiHandler
    {
        public ApiKey ApiKey => ApiKey.Metadata;

        public ValueTask<IKafkaMessage?> HandleAsync(RequestHeader header, IKafkaRequest request, KafkaConnectionContext connection, CancellationToken cancellationToken)
            => ValueTask.FromResult<IKafkaMessage?>(new MetadataResponse());
    }

    [Fact]
    public async Task WellFormedRequest_ReachesItsHandler()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await SendAsync(stream, ApiKey.Metadata, 1, 11, new MetadataRequest());
        var response = (MetadataResponse)KafkaFrame.ReadResponse(await ReceiveFrameAsync(stream), ApiKey.Metadata, 1, out var header);
        Assert.Equal(11, header.CorrelationId);
        Assert.Empty(response.Topics);
    }

    [Fact]
    public async Task MalformedBody_ClosesTheConnection()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();

        // Metadata v1 header with a truncated body (an array length and nothing after it).
        var frame = new byte[4 + 8 + 2 + 4 + 3];
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(4), (short)ApiKey.Metadata);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(6), 1);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), 5);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(12), -1);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(14), 5);
        await stream.WriteAsync(frame);
        var read = await stream.ReadAsync(new byte[16]).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, read);
    }
}
