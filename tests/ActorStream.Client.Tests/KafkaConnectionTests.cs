using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ActorStream.Client.Network;
using ActorStream.Client.Tests.Support;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Tests;

[Trait("Category", "Integration")]
public sealed class KafkaConnectionTests : IAsyncLifetime
{
    private InProcessNode _node = null!;

    public async Task InitializeAsync() => _node = await InProcessNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static NetworkSettings Settings(int port, TimeSpan? requestTimeout = null) => new()
    {
        BootstrapServers = [new BrokerEndpoint(-1, "127.0.0.1", port)],
        ClientId = "connection-spec",
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
        ReconnectBackoff = TimeSpan.FromMilliseconds(200),
        ReconnectBackoffMax = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task ConnectAsync_AgainstTheNode_UsesTheHighestVersionBothSidesImplement()
    {
        await using var connection = await KafkaConnection.ConnectAsync(new BrokerEndpoint(1, "127.0.0.1", _node.Port), Settings(_node.Port));

        foreach (var range in ApiVersionTable.Supported)
        {
            var clientKnows = ClientApiVersions.TryGet(range.ApiKey, out var min, out var max);
            var expected = clientKnows && Math.Min(max, range.MaxVersion) >= Math.Max(min, range.MinVersion) ? Math.Min(max, range.MaxVersion) : -1;
            Assert.Equal(expected >= 0, connection.Versions.TryGetVersion(range.ApiKey, out var version));
            if (expected >= 0)
            {
                Assert.Equal(expected, version);
            }
        }

        Assert.True(connection.Versions.TryGetVersion(ApiKey.ListOffsets, out var listOffsets));
        Assert.Equal(7, listOffsets); // the broker stops at 7, below the client's 8
    }

    [Fact]
    public async Task SendAsync_ManyConcurrentRequests_AreMatchedToTheirResponses()
    {
        await using var connection = await KafkaConnection.ConnectAsync(new BrokerEndpoint(1, "127.0.0.1", _node.Port), Settings(_node.Port));
        var version = connection.Versions.GetVersion(ApiKey.Metadata);

        var tasks = Enumerable.Range(0, 200).Select(i => Task.Run(() =>
            connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [new() { Name = "topic-" + (i % 7) }], AllowAutoTopicCreation = false }, version))).ToArray();
        var responses = await Task.WhenAll(tasks);

        for (var i = 0; i < responses.Length; i++)
        {
            Assert.Equal("topic-" + (i % 7), Assert.Single(responses[i].Topics).Name);
        }

        Assert.Equal(0, connection.InFlightRequests);
    }

    [Fact]
    public async Task SendAsync_ResponseNeverArrives_TimesOutAndClosesTheConnection()
    {
        await using var proxy = new FaultInjectingProxy(_node.Port);
        await using var connection = await KafkaConnection.ConnectAsync(new BrokerEndpoint(1, "127.0.0.1", proxy.Port), Settings(proxy.Port, TimeSpan.FromMilliseconds(300)));
        var version = connection.Versions.GetVersion(ApiKey.Metadata);

        proxy.DropNextResponse(ApiKey.Metadata);
        var lost = connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [] }, version);
        var error = await Assert.ThrowsAsync<KafkaException>(() => lost);

        Assert.Equal(LocalErrorCode.TimedOut, error.Error.LocalCode);
        Assert.Equal(ErrorCode.RequestTimedOut, error.Error.Code);
        Assert.True(error.Error.IsRetriable);
        Assert.True(connection.IsClosed);
        var after = await Assert.ThrowsAsync<KafkaException>(() => connection.SendAsync<MetadataResponse>(new MetadataRequest { Topics = [] }, version));
        Assert.Equal(LocalErrorCode.Transport, after.Error.LocalCode);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_FailsWithATransportError()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<KafkaException>(() => KafkaConnection.ConnectAsync(new BrokerEndpoint(1, "127.0.0.1", port), Settings(port)));

        Assert.Equal(LocalErrorCode.Transport, error.Error.LocalCode);
        Assert.Contains($"127.0.0.1:{port}", error.Error.Reason);
    }

    [Fact]
    public async Task ConnectAsync_BrokerRejectsApiVersionsV3_RetriesWithTheBrokersHighestVersion()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var versionsSeen = new List<short>();
        var broker = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            for (var i = 0; i < 2; i++)
            {
                var frame = await ReadFrameAsync(stream);
                var version = BinaryPrimitives.ReadInt16BigEndian(frame.AsSpan(2));
                var correlationId = BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(4));
                versionsSeen.Add(version);
                var response = new ApiVersionsResponse
                {
                    ErrorCode = (short)(version > 2 ? ErrorCode.UnsupportedVersion : ErrorCode.None),
                    ApiKeys =
                    [
                        new() { ApiKey = (short)ApiKey.ApiVersions, MinVersion = 0, MaxVersion = 2 },
                        new() { ApiKey = (short)ApiKey.Metadata, MinVersion = 0, MaxVersion = 5 },
                    ],
                };
                using var output = new PooledBufferWriter();
                KafkaFrame.WriteResponse(output, correlationId, ApiKey.ApiVersions, version > 2 ? (short)0 : version, response);
                await stream.WriteAsync(output.WrittenMemory);
            }

            await ReadFrameAsync(stream).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        });

        await using var connection = await KafkaConnection.ConnectAsync(new BrokerEndpoint(1, "127.0.0.1", port), Settings(port));

        Assert.Equal([(short)3, (short)2], versionsSeen);
        Assert.Equal(5, connection.Versions.GetVersion(ApiKey.Metadata));
        Assert.False(connection.Versions.TryGetVersion(ApiKey.Produce, out _));
        var error = Assert.Throws<KafkaException>(() => connection.Versions.GetVersion(ApiKey.Produce));
        Assert.Equal(LocalErrorCode.UnsupportedFeature, error.Error.LocalCode);
        await connection.DisposeAsync();
        await broker.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ConnectionPool_ClosedConnection_IsReplaced_AndFailuresBackOff()
    {
        var settings = Settings(_node.Port);
        await using var pool = new ConnectionPool(settings);
        var endpoint = new BrokerEndpoint(1, "127.0.0.1", _node.Port);

        var first = await pool.GetAsync(endpoint);
        Assert.Same(first, await pool.GetAsync(endpoint));
        first.Close("spec");
        var second = await pool.GetAsync(endpoint);
        Assert.NotSame(first, second);
        Assert.False(second.IsClosed);

        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var dead = new BrokerEndpoint(2, "127.0.0.1", deadPort);
        await Assert.ThrowsAsync<KafkaException>(async () => await pool.GetAsync(dead));
        Assert.True(pool.IsBackingOff(2));
        Assert.False(pool.TryGet(dead, 0, out _));
    }

    [Fact]
    public async Task KafkaCluster_DeadBootstrapServerFirst_FallsBackToTheNextAndLearnsTheBrokers()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var cluster = new KafkaCluster(Settings(_node.Port) with
        {
            BootstrapServers = BootstrapServers.Parse($"127.0.0.1:{deadPort},127.0.0.1:{_node.Port}"),
        });

        var metadata = await cluster.RefreshMetadataAsync([]);

        var broker = Assert.Single(metadata.BrokerList);
        Assert.Equal((InProcessNode.NodeId, _node.Port), (broker.NodeId, broker.Port));
        Assert.Equal(InProcessNode.NodeId, metadata.ControllerId);
        Assert.Equal("client-spec-cluster", metadata.ClusterId);
    }

    private static async Task<byte[]> ReadFrameAsync(NetworkStream stream)
    {
        var size = new byte[4];
        await stream.ReadExactlyAsync(size);
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(size)];
        await stream.ReadExactlyAsync(frame);
        return frame;
    }
}
