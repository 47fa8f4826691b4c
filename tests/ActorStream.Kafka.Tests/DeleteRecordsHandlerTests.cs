using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class DeleteRecordsHandlerTests : BrokerNodeTestBase
{
    private async Task<DeleteRecordsResponse.DeleteRecordsPartitionResult> DeleteAsync(string topic, int partition, long offset, short version = 2)
    {
        var request = new DeleteRecordsRequest { TimeoutMs = 5000 };
        request.Topics.Add(new DeleteRecordsRequest.DeleteRecordsTopic
        {
            Name = topic,
            Partitions = [new DeleteRecordsRequest.DeleteRecordsPartition { PartitionIndex = partition, Offset = offset }],
        });
        var response = await RequestAsync<DeleteRecordsResponse>(ApiKey.DeleteRecords, version, request);
        var topicResult = Assert.Single(response.Topics);
        Assert.Equal(topic, topicResult.Name);
        var result = Assert.Single(topicResult.Partitions);
        Assert.Equal(partition, result.PartitionIndex);
        return result;
    }

    private async Task ProduceBatchesAsync(string topic, int batches, int recordsPerBatch)
    {
        for (var i = 0; i < batches; i++)
        {
            Assert.Equal((short)ErrorCode.None, (await ProduceAsync(topic, 0, Batch("b" + i, recordsPerBatch)))!.ErrorCode);
        }
    }

    private async Task<long> EarliestAsync(string topic)
    {
        var request = new ListOffsetsRequest { ReplicaId = -1 };
        request.Topics.Add(new ListOffsetsRequest.ListOffsetsTopic
        {
            Name = topic,
            Partitions = [new ListOffsetsRequest.ListOffsetsPartition { PartitionIndex = 0, Timestamp = -2 }],
        });
        var response = await RequestAsync<ListOffsetsResponse>(ApiKey.ListOffsets, 7, request);
        return Assert.Single(Assert.Single(response.Topics).Partitions).Offset;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task HandleAsync_BeforeOffset_MovesTheLowWatermark(short version)
    {
        await ProduceBatchesAsync("trimmed", 3, 2);

        var result = await DeleteAsync("trimmed", 0, 4, version);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Equal(4, result.LowWatermark);
        Assert.Equal(4, await EarliestAsync("trimmed"));
        var fetched = await FetchAsync("trimmed", 0, 4);
        Assert.Equal(4, fetched.LogStartOffset);
        Assert.Equal(4, Assert.Single(Batches(fetched.Records)).BaseOffset);
    }

    [Fact]
    public async Task HandleAsync_MinusOne_DeletesUpToTheHighWatermark()
    {
        await ProduceBatchesAsync("emptied", 2, 3);

        var result = await DeleteAsync("emptied", 0, -1);

        Assert.Equal((short)ErrorCode.None, result.ErrorCode);
        Assert.Equal(6, result.LowWatermark);
        Assert.Equal(6, await EarliestAsync("emptied"));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(-5)]
    public async Task HandleAsync_BeyondTheHighWatermarkOrNegative_OffsetOutOfRange(long offset)
    {
        await ProduceBatchesAsync("bounded", 2, 3);

        var result = await DeleteAsync("bounded", 0, offset);

        Assert.Equal((short)ErrorCode.OffsetOutOfRange, result.ErrorCode);
        Assert.Equal(-1, result.LowWatermark);
        Assert.Equal(0, await EarliestAsync("bounded"));
    }

    [Fact]
    public async Task HandleAsync_BelowTheCurrentStart_KeepsTheLowWatermark()
    {
        await ProduceBatchesAsync("idempotent", 3, 2);
        Assert.Equal(4, (await DeleteAsync("idempotent", 0, 4)).LowWatermark);

        var again = await DeleteAsync("idempotent", 0, 2);

        Assert.Equal((short)ErrorCode.None, again.ErrorCode);
        Assert.Equal(4, again.LowWatermark);
    }

    [Theory]
    [InlineData("ghost", 0)]
    [InlineData("known", 5)]
    public async Task HandleAsync_UnknownTopicOrPartition_UnknownTopicOrPartition(string topic, int partition)
    {
        await MetadataAsync(12, "known");

        var result = await DeleteAsync(topic, partition, 0);

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, result.ErrorCode);
        Assert.Equal(-1, result.LowWatermark);
    }
}
