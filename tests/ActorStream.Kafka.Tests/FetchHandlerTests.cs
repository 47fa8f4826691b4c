using System.Diagnostics;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Kafka.Tests;

public sealed class FetchHandlerTests : BrokerNodeTestBase
{
    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(12)]
    public async Task HandleAsync_AfterTwoProduces_ReturnsExactlyThoseBatches(short version)
    {
        var first = Batch("a", 1);
        var second = Batch("b", 2);
        await ProduceAsync("log", 0, first);
        await ProduceAsync("log", 0, second);

        var fetched = await FetchAsync("log", 0, 0, version: version);

        Assert.Equal((short)ErrorCode.None, fetched.ErrorCode);
        Assert.Equal(3, fetched.HighWatermark);
        Assert.Equal(version >= 5 ? 0 : -1, fetched.LogStartOffset);
        var batches = Batches(fetched.Records);
        Assert.Equal(2, batches.Count);
        Assert.Equal(0, batches[0].BaseOffset);
        Assert.Equal(1, batches[1].BaseOffset);

        // Everything after the base offset (length, epoch, magic, crc, records) is what was produced.
        Assert.Equal(first.AsSpan(8).ToArray(), batches[0].Memory.Span[8..].ToArray());
        Assert.Equal(second.AsSpan(8).ToArray(), batches[1].Memory.Span[8..].ToArray());
        Assert.Equal(first.Length + second.Length, fetched.Records!.Value.Length);
    }

    [Fact]
    public async Task HandleAsync_FromSecondBatch_SkipsTheFirst()
    {
        await ProduceAsync("log", 0, Batch("a", 1));
        await ProduceAsync("log", 0, Batch("b", 1));

        var fetched = await FetchAsync("log", 0, 1);

        Assert.Equal(1, Assert.Single(Batches(fetched.Records)).BaseOffset);
    }

    [Fact]
    public async Task HandleAsync_UnknownTopic_AnswersUnknownTopicOrPartition()
    {
        var fetched = await FetchAsync("nowhere", 0, 0);

        Assert.Equal((short)ErrorCode.UnknownTopicOrPartition, fetched.ErrorCode);
        Assert.Empty(Batches(fetched.Records));
    }

    [Fact]
    public async Task HandleAsync_OffsetBeyondEnd_AnswersOffsetOutOfRange()
    {
        await ProduceAsync("log", 0, Batch("a", 1));

        var fetched = await FetchAsync("log", 0, 42);

        Assert.Equal((short)ErrorCode.OffsetOutOfRange, fetched.ErrorCode);
    }

    [Fact]
    public async Task HandleAsync_NoDataAndMaxWait_WaitsThenAnswersEmpty()
    {
        await MetadataAsync(12, "idle");
        var watch = Stopwatch.StartNew();

        var fetched = await FetchAsync("idle", 0, 0, maxWaitMs: 300, minBytes: 1);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {watch.Elapsed}");
        Assert.Equal((short)ErrorCode.None, fetched.ErrorCode);
        Assert.Equal(0, fetched.HighWatermark);
        Assert.Empty(Batches(fetched.Records));
    }

    [Fact]
    public async Task HandleAsync_DataArrivesDuringWait_AnswersWithIt()
    {
        await MetadataAsync(12, "live");
        var request = new Protocol.Messages.FetchRequest { MaxWaitMs = 10_000, MinBytes = 1, MaxBytes = 1 << 20 };
        request.Topics.Add(new Protocol.Messages.FetchRequest.FetchTopic
        {
            Topic = "live",
            Partitions = [new Protocol.Messages.FetchRequest.FetchPartition { Partition = 0, FetchOffset = 0, PartitionMaxBytes = 1 << 20 }],
        });
        var watch = Stopwatch.StartNew();
        await SendAsync(ApiKey.Fetch, 12, request);

        // Produce through the router directly: the connection is busy with the long poll.
        var append = new Broker.Partitions.PartitionProtocol.Append("live", 0, Batch("late", 1), -1, TimeSpan.FromSeconds(5));
        Assert.True(Broker.Topics.Current.TryGet("live", out var topic));
        var appended = await Broker.AskPartitionAsync<Broker.Partitions.PartitionProtocol.AppendResult>(topic, 0, append, null, CancellationToken.None);
        Assert.Equal(ErrorCode.None, appended.Error);

        var response = (Protocol.Messages.FetchResponse)KafkaFrame.ReadResponse(await ReceiveFrameAsync(), ApiKey.Fetch, 12, out _);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"answered after {watch.Elapsed}");
        var partition = Assert.Single(Assert.Single(response.Responses).Partitions);
        Assert.Equal(1, partition.HighWatermark);
        Assert.Single(Batches(partition.Records));
    }

    [Fact]
    public async Task HandleAsync_RequestMaxBytesExceeded_ReturnsFirstPartitionWholeAndLaterOnesEmpty()
    {
        var create = new Protocol.Messages.CreateTopicsRequest { timeoutMs = 5000 };
        create.Topics.Add(new Protocol.Messages.CreateTopicsRequest.CreatableTopic { Name = "wide", NumPartitions = 2, ReplicationFactor = -1 });
        var created = await RequestAsync<Protocol.Messages.CreateTopicsResponse>(ApiKey.CreateTopics, 7, create);
        Assert.Equal((short)ErrorCode.None, Assert.Single(created.Topics).ErrorCode);
        var first = Batch("p0", 20);
        Assert.Equal(0, (await ProduceAsync("wide", 0, first))!.BaseOffset);
        Assert.Equal(0, (await ProduceAsync("wide", 1, Batch("p1", 20)))!.BaseOffset);

        var request = new Protocol.Messages.FetchRequest { MaxWaitMs = 0, MinBytes = 0, MaxBytes = 10 };
        request.Topics.Add(new Protocol.Messages.FetchRequest.FetchTopic
        {
            Topic = "wide",
            Partitions =
            [
                new Protocol.Messages.FetchRequest.FetchPartition { Partition = 0, FetchOffset = 0, PartitionMaxBytes = 1 << 20 },
                new Protocol.Messages.FetchRequest.FetchPartition { Partition = 1, FetchOffset = 0, PartitionMaxBytes = 1 << 20 },
            ],
        });
        var response = await RequestAsync<Protocol.Messages.FetchResponse>(ApiKey.Fetch, 12, request);

        var partitions = Assert.Single(response.Responses).Partitions;
        Assert.Equal(2, partitions.Count);
        Assert.Equal(first.Length, partitions[0].Records!.Value.Length);
        Assert.Equal(20, partitions[0].HighWatermark);
        Assert.Empty(Batches(partitions[1].Records));
        Assert.Equal(20, partitions[1].HighWatermark);
    }
}
