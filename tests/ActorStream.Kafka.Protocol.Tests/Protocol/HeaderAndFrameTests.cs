using System.Buffers;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Tests.Support;

namespace ActorStream.Kafka.Protocol.Tests.Protocol;

public class HeaderAndFrameTests
{
    [Theory]
    [InlineData(ApiKey.Produce, 8, 1)]
    [InlineData(ApiKey.Produce, 9, 2)]
    [InlineData(ApiKey.ApiVersions, 2, 1)]
    [InlineData(ApiKey.ApiVersions, 3, 2)]
    [InlineData(ApiKey.SaslHandshake, 1, 1)]
    [InlineData(ApiKey.DescribeCluster, 0, 2)]
    [InlineData((ApiKey)99, 5, 1)]
    public void RequestHeaderVersion_FollowsFlexibility(ApiKey apiKey, short apiVersion, short expected)
    {
        Assert.Equal(expected, RequestHeader.HeaderVersion(apiKey, apiVersion));
    }

    [Theory]
    [InlineData(ApiKey.ApiVersions, 3, 0)]
    [InlineData(ApiKey.Metadata, 8, 0)]
    [InlineData(ApiKey.Metadata, 9, 1)]
    [InlineData(ApiKey.Fetch, 12, 1)]
    [InlineData(ApiKey.SaslHandshake, 1, 0)]
    public void ResponseHeaderVersion_ApiVersionsAlwaysV0(ApiKey apiKey, short apiVersion, short expected)
    {
        Assert.Equal(expected, ResponseHeader.HeaderVersion(apiKey, apiVersion));
    }

    [Fact]
    public void RequestHeaderV2_UnknownTaggedFields_AreSkipped()
    {
        byte[] bytes = Hex.Parse("0003 0009 0000002a ffff 01 05 02 abcd");
        var reader = new KafkaReader(bytes);
        var header = RequestHeader.Read(ref reader);
        Assert.Equal(new RequestHeader(ApiKey.Metadata, 9, 42, null), header);
        Assert.True(reader.End);
    }

    [Fact]
    public void RequestHeader_WriteThenRead_RoundTripsWithExactSize()
    {
        foreach (var header in new[]
        {
            new RequestHeader(ApiKey.Fetch, 12, 7, "client-ø"),
            new RequestHeader(ApiKey.Fetch, 4, -1, null),
            new RequestHeader(ApiKey.ApiVersions, 3, 0, string.Empty),
        })
        {
            var output = new ArrayBufferWriter<byte>();
            var writer = new KafkaWriter(output);
            header.Write(ref writer);
            writer.Flush();
            Assert.Equal(header.ComputeSize(), output.WrittenCount);
            var reader = new KafkaReader(output.WrittenMemory);
            Assert.Equal(header, RequestHeader.Read(ref reader));
            Assert.True(reader.End);
        }
    }

    [Fact]
    public void WriteResponse_FlexibleVersion_WritesHeaderV1()
    {
        var output = new ArrayBufferWriter<byte>();
        KafkaFrame.WriteResponse(output, 9, ApiKey.Heartbeat, 4, new HeartbeatResponse { ErrorCode = (short)ErrorCode.RebalanceInProgress });
        // size 12 | corr 9 | header tags 00 | throttle 0 | error 27 | body tags 00
        Assert.Equal("0000000c 00000009 00 00000000 001b 00".Replace(" ", string.Empty, StringComparison.Ordinal), Hex.Format(output.WrittenSpan));

        var response = KafkaFrame.ReadResponse(output.WrittenMemory[4..], ApiKey.Heartbeat, 4, out var header);
        Assert.Equal(9, header.CorrelationId);
        Assert.Equal((short)ErrorCode.RebalanceInProgress, Assert.IsType<HeartbeatResponse>(response).ErrorCode);
    }

    [Fact]
    public void TryReadFrame_PartialSizeOrBody_ReturnsFalseAndKeepsBuffer()
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Parse("000000"));
        Assert.False(KafkaFrame.TryReadFrame(ref buffer, 100, out _));
        buffer = new ReadOnlySequence<byte>(Hex.Parse("00000004 0102"));
        Assert.False(KafkaFrame.TryReadFrame(ref buffer, 100, out _));
        Assert.Equal(6, buffer.Length);
    }

    [Fact]
    public void TryReadFrame_MultiSegment_SlicesExactFrame()
    {
        var buffer = Segments.Split(Hex.Parse("00000003 010203 00000001 04"), 2);
        Assert.True(KafkaFrame.TryReadFrame(ref buffer, 100, out var frame));
        Assert.Equal("010203", Hex.Format(frame.ToArray()));
        Assert.Equal(5, buffer.Length);
    }

    [Theory]
    [InlineData("00000065")]
    [InlineData("80000000")]
    public void TryReadFrame_SizeAboveMaxOrNegative_ThrowsBeforeBodyArrives(string prefix)
    {
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var buffer = new ReadOnlySequence<byte>(Hex.Parse(prefix));
            KafkaFrame.TryReadFrame(ref buffer, 100, out _);
        });
    }

    [Fact]
    public void ReadRequest_UnknownApiKey_ThrowsKafkaProtocolException()
    {
        Assert.Throws<KafkaProtocolException>(() => KafkaFrame.ReadRequest(Hex.Parse("0063 0000 00000001 ffff"), out _));
    }

    [Fact]
    public void ApiVersionsUnsupportedVersionAnswer_V0Body_ListsApiVersionsEntry()
    {
        // The answer to an ApiVersions request above our max: v0 body, header v0, error 35.
        var response = new ApiVersionsResponse
        {
            ErrorCode = (short)ErrorCode.UnsupportedVersion,
            ApiKeys = [new() { ApiKey = (short)ApiKey.ApiVersions, MinVersion = 0, MaxVersion = 3 }],
        };
        var output = new ArrayBufferWriter<byte>();
        KafkaFrame.WriteResponse(output, 5, ApiKey.ApiVersions, 0, response);
        Assert.Equal("00000010 00000005 0023 00000001 0012 0000 0003".Replace(" ", string.Empty, StringComparison.Ordinal), Hex.Format(output.WrittenSpan));
    }
}
