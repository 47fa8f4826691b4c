using System.Buffers;
using System.Text;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;
using ActorStream.Kafka.Protocol.Tests.Support;

namespace ActorStream.Kafka.Protocol.Tests.Protocol;

/// <summary>
/// Golden vectors: frames captured from librdkafka 2.0.2 (kcat), kafka-python 2.0.2 and kafkajs
/// 2.2.4, and responses those clients accepted. Each is decoded field by field and re-encoded to
/// the identical bytes.
/// </summary>
public class WireSampleTests
{
    private static T RequestRoundTrip<T>(string hex, out RequestHeader header)
        where T : IKafkaRequest
    {
        byte[] bytes = Hex.Parse(hex);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(KafkaFrame.TryReadFrame(ref buffer, KafkaFrame.DefaultMaxFrameSize, out var frame));
        Assert.True(buffer.IsEmpty);
        var body = Assert.IsType<T>(KafkaFrame.ReadRequest(frame.ToArray(), out header));

        var output = new ArrayBufferWriter<byte>();
        KafkaFrame.WriteRequest(output, header, body);
        Assert.Equal(Hex.Format(bytes), Hex.Format(output.WrittenSpan));
        return body;
    }

    private static T ResponseRoundTrip<T>(string hex, ApiKey apiKey, short version, int correlationId)
        where T : IKafkaResponse
    {
        byte[] bytes = Hex.Parse(hex);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(KafkaFrame.TryReadFrame(ref buffer, KafkaFrame.DefaultMaxFrameSize, out var frame));
        var body = Assert.IsType<T>(KafkaFrame.ReadResponse(frame.ToArray(), apiKey, version, out var header));
        Assert.Equal(correlationId, header.CorrelationId);

        var output = new ArrayBufferWriter<byte>();
        KafkaFrame.WriteResponse(output, correlationId, apiKey, version, body);
        Assert.Equal(Hex.Format(bytes), Hex.Format(output.WrittenSpan));
        return body;
    }

    [Fact]
    public void ApiVersionsV3Request_Librdkafka_DecodesClassicClientIdAndCompactBody()
    {
        var request = RequestRoundTrip<ApiVersionsRequest>(
            "00000024 0012 0003 00000001 0007 72646b61666b61 00 0b 6c696272646b61666b61 06 322e302e32 00",
            out var header);

        Assert.Equal(new RequestHeader(ApiKey.ApiVersions, 3, 1, "rdkafka"), header);
        Assert.Equal("librdkafka", request.ClientSoftwareName);
        Assert.Equal("2.0.2", request.ClientSoftwareVersion);
    }

    [Fact]
    public void ApiVersionsV3Response_AcceptedByLibrdkafka_UsesHeaderV0AndCompactBody()
    {
        var response = ResponseRoundTrip<ApiVersionsResponse>(
            "0000001a 00000001 0000 03 0012 0000 0003 00 0003 0000 0004 00 00000000 00",
            ApiKey.ApiVersions, 3, correlationId: 1);

        Assert.Equal(0, response.ErrorCode);
        Assert.Equal(2, response.ApiKeys.Count);
        Assert.Equal((18, 0, 3), (response.ApiKeys[0].ApiKey, response.ApiKeys[0].MinVersion, response.ApiKeys[0].MaxVersion));
        Assert.Equal((3, 0, 4), (response.ApiKeys[1].ApiKey, response.ApiKeys[1].MinVersion, response.ApiKeys[1].MaxVersion));
        Assert.Equal(0, response.ThrottleTimeMs);
    }

    [Fact]
    public void ApiVersionsV0AndMetadataV0_KafkaPythonPipelined_SplitIntoTwoFrames()
    {
        byte[] bytes = Hex.Parse("0000000c 0012 0000 00000001 0002 6b70 | 00000010 0003 0000 00000002 0002 6b70 00000000");
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.True(KafkaFrame.TryReadFrame(ref buffer, 1024, out var first));
        Assert.True(KafkaFrame.TryReadFrame(ref buffer, 1024, out var second));
        Assert.False(KafkaFrame.TryReadFrame(ref buffer, 1024, out _));

        Assert.IsType<ApiVersionsRequest>(KafkaFrame.ReadRequest(first.ToArray(), out var h1));
        Assert.Equal(new RequestHeader(ApiKey.ApiVersions, 0, 1, "kp"), h1);
        var metadata = Assert.IsType<MetadataRequest>(KafkaFrame.ReadRequest(second.ToArray(), out var h2));
        Assert.Equal(new RequestHeader(ApiKey.Metadata, 0, 2, "kp"), h2);
        Assert.NotNull(metadata.Topics);
        Assert.Empty(metadata.Topics);
    }

    [Fact]
    public void ApiVersionsV0Response_AcceptedByKafkaPython_RoundTrips()
    {
        var response = ResponseRoundTrip<ApiVersionsResponse>(
            "00000016 00000001 0000 00000002 0012 0000 0003 0003 0000 0004", ApiKey.ApiVersions, 0, correlationId: 1);
        Assert.Equal(2, response.ApiKeys.Count);
    }

    [Fact]
    public void ApiVersionsV2_Kafkajs_CorrelationIdZeroRoundTrips()
    {
        RequestRoundTrip<ApiVersionsRequest>("0000000d 0012 0002 00000000 0003 6b6a73", out var header);
        Assert.Equal(new RequestHeader(ApiKey.ApiVersions, 2, 0, "kjs"), header);

        var response = ResponseRoundTrip<ApiVersionsResponse>(
            "0000001a 00000000 0000 00000002 0012 0000 0003 0003 0000 0004 00000000", ApiKey.ApiVersions, 2, correlationId: 0);
        Assert.Equal(0, response.ThrottleTimeMs);
    }

    [Theory]
    [InlineData("00000000 00", false, 0, false)]
    [InlineData("ffffffff 01", true, 0, true)]
    [InlineData("00000001 0001 74 01", false, 1, true)]
    public void MetadataV4Request_Librdkafka_DecodesTopicsAndAutoCreate(string hex, bool topicsNull, int topicCount, bool autoCreate)
    {
        byte[] bytes = Hex.Parse(hex);
        var request = Codec.Decode<MetadataRequest>(bytes, 4);

        Assert.Equal(topicsNull, request.Topics is null);
        Assert.Equal(topicCount, request.Topics?.Count ?? 0);
        if (topicCount == 1)
        {
            Assert.Equal("t", request.Topics![0].Name);
        }

        Assert.Equal(autoCreate, request.AllowAutoTopicCreation);
        Assert.Equal(bytes, Codec.Encode(request, 4));
    }

    [Fact]
    public void MetadataV4Response_AcceptedByLibrdkafka_RoundTrips()
    {
        var response = ResponseRoundTrip<MetadataResponse>(
            "0000003a 00000002 00000000 00000001 00000000 0009 3132372e302e302e31 00004a94 ffff " +
            "000f 636170747572652d636c7573746572 00000000 00000000",
            ApiKey.Metadata, 4, correlationId: 2);

        var broker = Assert.Single(response.Brokers);
        Assert.Equal((0, "127.0.0.1", 19092, (string?)null), (broker.NodeId, broker.Host, broker.Port, broker.Rack));
        Assert.Equal("capture-cluster", response.ClusterId);
        Assert.Equal(0, response.ControllerId);
        Assert.Empty(response.Topics);
    }

    [Fact]
    public void MetadataV4Response_TopicEntry_MatchesCapturedLayout()
    {
        var topic = new MetadataResponse.MetadataResponseTopic
        {
            Name = "t",
            Partitions = [new() { PartitionIndex = 0, LeaderId = 0, ReplicaNodes = [0], IsrNodes = [0] }],
        };
        var response = new MetadataResponse { Topics = [topic] };

        byte[] bytes = Codec.Encode(response, 4);
        string expectedTopic = Hex.Format(Hex.Parse("0000 0001 74 00 00000001 0000 00000000 00000000 00000001 00000000 00000001 00000000"));
        Assert.EndsWith(expectedTopic, Hex.Format(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void ProduceV7Request_Librdkafka_DecodesRecordsAsRawBatch()
    {
        var request = RequestRoundTrip<ProduceRequest>(
            "00000077 0000 0007 00000003 0007 72646b61666b61 ffff ffff 00007530 00000001 0001 74 00000001 00000000 0000004b " +
            "0000000000000000 0000003f 00000000 02 2c57d163 0000 00000000 000001a2018d3bf4 000001a2018d3bf4 " +
            "ffffffffffffffff ffff ffffffff 00000001 1a 00 00 00 04 6b31 0a 68656c6c6f 00",
            out var header);

        Assert.Equal(new RequestHeader(ApiKey.Produce, 7, 3, "rdkafka"), header);
        Assert.Null(request.TransactionalId);
        Assert.Equal(-1, request.Acks);
        Assert.Equal(30000, request.TimeoutMs);
        var partition = Assert.Single(Assert.Single(request.TopicData, t => t.Name == "t").PartitionData);
        Assert.Equal(0, partition.Index);
        Assert.NotNull(partition.Records);
        Assert.Equal(75, partition.Records.Value.Length);

        var batch = RecordBatch.Create(partition.Records.Value);
        Assert.Equal(RecordBatchError.None, batch.Validate());
        Assert.Equal(0x2c57d163u, batch.Crc);
        Assert.Equal(CompressionCodec.None, batch.Compression);
        Assert.Equal((-1L, (short)-1, -1), (batch.ProducerId, batch.ProducerEpoch, batch.BaseSequence));
        int seen = 0;
        foreach (var record in batch.GetRecords())
        {
            Assert.Equal("k1", Encoding.UTF8.GetString(record.Key));
            Assert.Equal("hello", Encoding.UTF8.GetString(record.Value));
            Assert.Equal(0, record.HeaderCount);
            seen++;
        }

        Assert.Equal(1, seen);
    }

    [Fact]
    public void FetchV11Request_Librdkafka_DecodesEveryField()
    {
        var request = RequestRoundTrip<FetchRequest>(
            "00000057 0001 000b 00000004 0007 72646b61666b61 ffffffff 000001f4 00000001 03200000 01 00000000 ffffffff " +
            "00000001 0001 74 00000001 00000000 ffffffff 0000000000000000 ffffffffffffffff 00100000 00000000 0000",
            out var header);

        Assert.Equal(new RequestHeader(ApiKey.Fetch, 11, 4, "rdkafka"), header);
        Assert.Equal(-1, request.ReplicaId);
        Assert.Equal(500, request.MaxWaitMs);
        Assert.Equal(1, request.MinBytes);
        Assert.Equal(52428800, request.MaxBytes);
        Assert.Equal(1, request.IsolationLevel);
        Assert.Equal((0, -1), (request.SessionId, request.SessionEpoch));
        var topic = Assert.Single(request.Topics);
        Assert.Equal("t", topic.Topic);
        var partition = Assert.Single(topic.Partitions);
        Assert.Equal((0, -1, 0L, -1L, 1048576), (partition.Partition, partition.CurrentLeaderEpoch, partition.FetchOffset, partition.LogStartOffset, partition.PartitionMaxBytes));
        Assert.Empty(request.ForgottenTopicsData);
        Assert.Equal(string.Empty, request.RackId);
    }

    [Fact]
    public void FetchV4Request_KafkaPython_DecodesEveryField()
    {
        var request = RequestRoundTrip<FetchRequest>(
            "00000038 0001 0004 00000001 0002 6b70 ffffffff 000001f4 00000001 03200000 00 " +
            "00000001 0001 74 00000001 00000000 0000000000000000 00100000",
            out _);

        Assert.Equal(0, request.IsolationLevel);
        var partition = Assert.Single(Assert.Single(request.Topics).Partitions);
        Assert.Equal((0, 0L, 1048576), (partition.Partition, partition.FetchOffset, partition.PartitionMaxBytes));
    }

    [Theory]
    [InlineData("00000018 000a0002 00000003 0007 72646b61666b61 0004 67727031 00", 2, "rdkafka")]
    [InlineData("00000012 000a0000 00000003 0002 6b70 0004 67727031", 0, "kp")]
    [InlineData("00000014 000a0002 00000002 0003 6b6a73 0004 67727031 00", 2, "kjs")]
    public void FindCoordinatorRequest_ThreeClients_DecodeGroupKey(string hex, short version, string clientId)
    {
        var request = RequestRoundTrip<FindCoordinatorRequest>(hex, out var header);
        Assert.Equal(version, header.ApiVersion);
        Assert.Equal(clientId, header.ClientId);
        Assert.Equal("grp1", request.Key);
        Assert.Equal(0, request.KeyType);
    }

    [Fact]
    public void JoinGroupV5Request_Librdkafka_DecodesSubscriptionV1()
    {
        var request = RequestRoundTrip<JoinGroupRequest>(
            "0000006e 000b 0005 00000003 0007 72646b61666b61 0004 67727031 0000afc8 000493e0 0000 ffff " +
            "0008 636f6e73756d6572 00000002 " +
            "0005 72616e6765 00000011 0001 00000001 0001 74 00000000 00000000 " +
            "000a 726f756e64726f62696e 00000011 0001 00000001 0001 74 00000000 00000000",
            out _);

        Assert.Equal(("grp1", 45000, 300000, string.Empty, (string?)null, "consumer"),
            (request.GroupId, request.SessionTimeoutMs, request.RebalanceTimeoutMs, request.MemberId, request.GroupInstanceId, request.ProtocolType));
        Assert.Equal(["range", "roundrobin"], [request.Protocols[0].Name, request.Protocols[1].Name]);

        var subscription = ConsumerProtocol.ReadSubscription(request.Protocols[0].Metadata, out short version);
        Assert.Equal(1, version);
        Assert.Equal(["t"], subscription.Topics);
        Assert.NotNull(subscription.UserData);
        Assert.Empty(subscription.UserData);
        Assert.Empty(subscription.OwnedPartitions);
        Assert.Equal(request.Protocols[0].Metadata, ConsumerProtocol.Write(subscription, version));
    }

    [Fact]
    public void JoinGroupV2Request_KafkaPython_DecodesSubscriptionV0()
    {
        var request = RequestRoundTrip<JoinGroupRequest>(
            "0000005f 000b 0002 00000001 0002 6b70 0004 67727031 00002710 000493e0 0000 0008 636f6e73756d6572 00000002 " +
            "0005 72616e6765 0000000d 0000 00000001 0001 74 00000000 " +
            "000a 726f756e64726f62696e 0000000d 0000 00000001 0001 74 00000000",
            out _);

        Assert.Equal((10000, 300000), (request.SessionTimeoutMs, request.RebalanceTimeoutMs));
        var subscription = ConsumerProtocol.ReadSubscription(request.Protocols[1].Metadata, out short version);
        Assert.Equal(0, version);
        Assert.Equal(["t"], subscription.Topics);
    }

    [Fact]
    public void JoinGroupV5Request_Kafkajs_DecodesRoundRobinAssigner()
    {
        var request = RequestRoundTrip<JoinGroupRequest>(
            "00000052 000b 0005 00000003 0003 6b6a73 0004 67727031 00007530 0000ea60 0000 ffff 0008 636f6e73756d6572 00000001 " +
            "0012 526f756e64526f62696e41737369676e6572 0000000d 0000 00000001 0001 74 00000000",
            out _);

        Assert.Equal((30000, 60000), (request.SessionTimeoutMs, request.RebalanceTimeoutMs));
        Assert.Equal("RoundRobinAssigner", Assert.Single(request.Protocols).Name);
    }
}
