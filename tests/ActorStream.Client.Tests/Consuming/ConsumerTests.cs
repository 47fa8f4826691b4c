using System.Text;

namespace ActorStream.Client.Tests.Consuming;

[Trait("Category", "Integration")]
public sealed class ConsumerTests : IAsyncLifetime
{
    private GroupTestNode _node = null!;

    public async Task InitializeAsync() => _node = await GroupTestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Consume_SubscribedFromEarliest_ReturnsEveryRecordInOrderWithKeyHeadersAndTimestamp()
    {
        await _node.CreateTopicAsync("orders", 1);
        await _node.ProduceAsync("orders", 0, 30);
        using var consumer = new ConsumerBuilder<string, string>(_node.Config("g-earliest")).Build();
        consumer.Subscribe("orders");

        var records = ConsumeMany(consumer, 30);

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(i, records[i].Offset.Value);
            Assert.Equal("v-" + i, records[i].Message.Value);
            Assert.Equal("k" + i, records[i].Message.Key);
            Assert.Equal(1_700_000_000_000 + i, records[i].Message.Timestamp.UnixTimestampMs);
            Assert.Equal(TimestampType.CreateTime, records[i].Message.Timestamp.Type);
            Assert.Equal(i, BitConverter.ToInt32(records[i].Message.Headers!.GetLastBytes("seq")));
        }

        Assert.Equal(new TopicPartition("orders", 0), Assert.Single(consumer.Assignment));
        Assert.StartsWith(consumer.Name, consumer.MemberId, StringComparison.Ordinal);
        Assert.Equal(30, consumer.Position(new TopicPartition("orders", 0)).Value);
    }

    [Fact]
    public async Task Consume_SubscribedFromLatest_SkipsEarlierRecordsAndReturnsNewOnes()
    {
        await _node.CreateTopicAsync("events", 2);
        await _node.ProduceAsync("events", 0, 5, "old");
        await _node.ProduceAsync("events", 1, 5, "old");
        using var consumer = new ConsumerBuilder<string, string>(_node.Config("g-latest", c => c.AutoOffsetReset = AutoOffsetReset.Latest)).Build();
        consumer.Subscribe("events");
        await Eventually.TrueAsync(() =>
        {
            consumer.Consume(TimeSpan.FromMilliseconds(20));
            return consumer.Assignment.Count == 2
                && consumer.Position(new TopicPartition("events", 0)).Value == 5
                && consumer.Position(new TopicPartition("events", 1)).Value == 5;
        }, () => $"assignment [{string.Join(", ", consumer.Assignment)}]");

        await _node.ProduceAsync("events", 1, 3, "new");
        var records = ConsumeMany(consumer, 3);

        Assert.All(records, r => Assert.StartsWith("new-", r.Message.Value, StringComparison.Ordinal));
        Assert.Equal([5L, 6L, 7L], records.ConvertAll(r => r.Offset.Value));
    }

    [Fact]
    public async Task Commit_NewConsumerInTheSameGroup_ResumesAfterTheCommittedOffset()
    {
        await _node.CreateTopicAsync("resume", 1);
        await _node.ProduceAsync("resume", 0, 20);
        using (var first = new ConsumerBuilder<string, string>(_node.Config("g-resume")).Build())
        {
            first.Subscribe("resume");
            var records = ConsumeMany(first, 8);
            first.Commit(records[^1]);
            Assert.Equal(8, Assert.Single(first.Committed(TimeSpan.FromSeconds(10))).Offset.Value);
            first.Close();
        }

        using var second = new ConsumerBuilder<string, string>(_node.Config("g-resume")).Build();
        second.Subscribe("resume");
        var rest = ConsumeMany(second, 12);

        Assert.Equal(8, rest[0].Offset.Value);
        Assert.Equal("v-19", rest[^1].Message.Value);
    }

    [Fact]
    public async Task Commit_WithoutArguments_CommitsEveryPositionAndCommitAsyncToo()
    {
        await _node.CreateTopicAsync("positions", 2);
        await _node.ProduceAsync("positions", 0, 4);
        await _node.ProduceAsync("positions", 1, 6);
        using var consumer = new ConsumerBuilder<string, string>(_node.Config("g-positions")).Build();
        consumer.Subscribe("positions");
        ConsumeMany(consumer, 10);

        var committed = consumer.Commit();

        Assert.Equal([new TopicPartitionOffset("positions", 0, 4), new TopicPartitionOffset("positions", 1, 6)], committed.ConvertAll(o => o with { LeaderEpoch = null }));
        await consumer.CommitAsync([new TopicPartitionOffset("positions", 1, 2)]);
        var read = consumer.Committed([new TopicPartition("positions", 0), new TopicPartition("positions", 1)], TimeSpan.FromSeconds(10));
        Assert.Equal(4, read[0].Offset.Value);
        Assert.Equal(2, read[1].Offset.Value);
    }

    [Fact]
    public async Task Consume_AutoCommit_CommitsPositionsOnTheIntervalAndOnClose()
    {
        await _node.CreateTopicAsync("auto", 1);
        await _node.ProduceAsync("auto", 0, 10);
        var config = _node.Config("g-auto", c =>
        {
            c.EnableAutoCommit = true;
            c.AutoCommitIntervalMs = 100;
        });
        var consumer = new ConsumerBuilder<string, string>(config).Build();
        consumer.Subscribe("auto");
        ConsumeMany(consumer, 10);

        // The interval commit happens inside a later Consume.
        await Eventually.TrueAsync(() =>
        {
            consumer.Consume(TimeSpan.FromMilliseconds(20));
            return consumer.Committed(TimeSpan.FromSeconds(5))[0].Offset.Value == 10;
        }, () => $"committed {consumer.Committed(TimeSpan.FromSeconds(5))[0]}");

        await _node.ProduceAsync("auto", 0, 5, "more");
        ConsumeMany(consumer, 5);
        consumer.Close();

        using var reader = new ConsumerBuilder<string, string>(_node.Config("g-auto")).Build();
        Assert.Equal(15, reader.Committed([new TopicPartition("auto", 0)], TimeSpan.FromSeconds(10))[0].Offset.Value);
    }

    [Fact]
    public async Task Seek_AssignedPartition_MovesThePositionAndConsumeFollows()
    {
        await _node.CreateTopicAsync("seek", 1);
        await _node.ProduceAsync("seek", 0, 20);
        using var consumer = new ConsumerBuilder<string, string>(_node.Config("g-seek")).Build();
        var partition = new TopicPartition("seek", 0);
        consumer.Assign(new TopicPartitionOffset(partition, 15));

        Assert.Equal(15, ConsumeMany(consumer, 1)[0].Offset.Value);
        Assert.Equal(16, consumer.Position(partition).Value);

        consumer.Seek(new TopicPartitionOffset(partition, 3));
        Assert.Equal(3, consumer.Position(partition).Value);
        Assert.Equal(3, ConsumeMany(consumer, 1)[0].Offset.Value);

        consumer.SeekToEnd([partition]);
        await Eventually.TrueAsync(() => consumer.Position(partition).Value == 20, () => $"position {consumer.Position(partition)}");
        consumer.SeekToBeginning([partition]);
        Assert.Equal(0, ConsumeMany(consumer, 1)[0].Offset.Value);

        consumer.Commit([new TopicPartitionOffset(partition, 7)]);
        Assert.Equal(7, consumer.Committed(TimeSpan.FromSeconds(10))[0].Offset.Value);
        var watermarks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10));
        Assert.Equal(0, watermarks.Low.Value);
        Assert.Equal(20, watermarks.High.Value);
    }

    [Fact]
    public async Task Consume_AutoOffsetResetNoneWithoutCommittedOffset_ThrowsConsumeExceptionUntilSeek()
    {
        await _node.CreateTopicAsync("strict", 1);
        await _node.ProduceAsync("strict", 0, 3);
        using var consumer = new ConsumerBuilder<string, string>(_node.Config("g-strict", c => c.AutoOffsetReset = AutoOffsetReset.Error)).Build();
        consumer.Subscribe("strict");

        var error = await Assert.ThrowsAsync<ConsumeException>(() => Task.Run(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                consumer.Consume(TimeSpan.FromMilliseconds(50));
            }
        }));

        Assert.Equal(LocalErrorCode.NoOffset, error.Error.LocalCode);
        Assert.Equal(Kafka.Protocol.ErrorCode.OffsetOutOfRange, error.Error.Code);
        Assert.Equal("strict", error.ConsumerRecord!.Topic);
        Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(100))); // reported once; the partition waits for a seek

        consumer.Seek(new TopicPartitionOffset("strict", 0, 1));
        Assert.Equal("v-1", ConsumeMany(consumer, 1)[0].Message.Value);
    }

    [Fact]
    public async Task Consume_PositionBeyondTheLog_ResetsByPolicy()
    {
        await _node.CreateTopicAsync("range", 1);
        await _node.ProduceAsync("range", 0, 4);
        using var consumer = new ConsumerBuilder<string, string>(_node.Config(null)).Build();

        consumer.Assign(new TopicPartitionOffset("range", 0, 1_000));

        Assert.Equal(0, ConsumeMany(consumer, 1)[0].Offset.Value); // earliest
    }

    [Fact]
    public async Task Consume_PositionBeyondTheLogWithResetNone_ThrowsOffsetOutOfRange()
    {
        await _node.CreateTopicAsync("range-none", 1);
        await _node.ProduceAsync("range-none", 0, 4);
        using var consumer = new ConsumerBuilder<string, string>(_node.Config(null, c => c.AutoOffsetReset = AutoOffsetReset.Error)).Build();
        consumer.Assign(new TopicPartitionOffset("range-none", 0, 1_000));

        var error = Assert.Throws<ConsumeException>(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                consumer.Consume(TimeSpan.FromMilliseconds(50));
            }
        });

        Assert.Equal(Kafka.Protocol.ErrorCode.OffsetOutOfRange, error.Error.Code);
        Assert.Equal(1_000, error.ConsumerRecord!.Offset.Value);
    }

    [Fact]
    public async Task Consume_PartitionEofEnabled_ReportsTheEndOnceThenNewRecords()
    {
        await _node.CreateTopicAsync("eof", 1);
        await _node.ProduceAsync("eof", 0, 2);
        using var consumer = new ConsumerBuilder<string, string>(_node.Config(null, c => c.EnablePartitionEof = true)).Build();
        consumer.Assign(new TopicPartitionOffset("eof", 0, Offset.Beginning));

        var results = ConsumeMany(consumer, 3, includeEof: true);

        Assert.False(results[0].IsPartitionEOF);
        Assert.False(results[1].IsPartitionEOF);
        Assert.True(results[2].IsPartitionEOF);
        Assert.Equal(2, results[2].Offset.Value);
        Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(300)));

        await _node.ProduceAsync("eof", 0, 1, "late");
        var next = ConsumeMany(consumer, 2, includeEof: true);
        Assert.Equal("late-0", next[0].Message.Value);
        Assert.True(next[1].IsPartitionEOF);
        Assert.Equal(3, next[1].Offset.Value);
    }

    [Fact]
    public async Task ConsumeAllAsync_ManualAssignment_YieldsRecordsUntilCancelled()
    {
        await _node.CreateTopicAsync("stream", 3);
        for (var p = 0; p < 3; p++)
        {
            await _node.ProduceAsync("stream", p, 10, "p" + p);
        }

        await using var consumer = new ConsumerBuilder<string, string>(_node.Config(null, c => c.MaxPollRecords = 3)).Build();
        consumer.Assign([new TopicPartition("stream", 0), new TopicPartition("stream", 1), new TopicPartition("stream", 2)]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<ConsumeResult<string, string>>();
        await foreach (var record in consumer.ConsumeAllAsync(cancel.Token))
        {
            seen.Add(record);
            if (seen.Count == 30)
            {
                await cancel.CancelAsync();
            }
        }

        Assert.Equal(30, seen.Count);
        for (var p = 0; p < 3; p++)
        {
            var mine = seen.FindAll(r => r.Partition.Value == p);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), mine.Select(r => r.Offset.Value));
        }

        // max.poll.records = 3: no partition runs more than three records ahead of a turn for the others.
        Assert.NotEqual(Enumerable.Repeat(seen[0].Partition.Value, 10), seen.Take(10).Select(r => r.Partition.Value));
    }

    [Fact]
    public async Task Consume_ValueDeserializerThrows_ReportsTheRawRecordAndMovesOn()
    {
        await _node.CreateTopicAsync("bad", 1);
        await _node.ProduceAsync("bad", 0, 3);
        using var consumer = new ConsumerBuilder<string, int>(_node.Config(null)).Build();
        consumer.Assign(new TopicPartitionOffset("bad", 0, Offset.Beginning));

        var error = Assert.Throws<ConsumeException>(() =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                consumer.Consume(TimeSpan.FromMilliseconds(50));
            }
        });

        Assert.Equal(LocalErrorCode.ValueDeserialization, error.Error.LocalCode);
        Assert.Equal("v-0", Encoding.UTF8.GetString(error.ConsumerRecord!.Message.Value));
        Assert.Equal(1, consumer.Position(new TopicPartition("bad", 0)).Value);
    }

    [Fact]
    public async Task Pause_AssignedPartition_StopsItsRecordsUntilResume()
    {
        await _node.CreateTopicAsync("pause", 2);
        await _node.ProduceAsync("pause", 0, 3);
        await _node.ProduceAsync("pause", 1, 3);
        using var consumer = new ConsumerBuilder<string, string>(_node.Config(null)).Build();
        consumer.Assign([new TopicPartition("pause", 0), new TopicPartition("pause", 1)]);
        consumer.Pause([new TopicPartition("pause", 0)]);

        var records = ConsumeMany(consumer, 3);
        Assert.All(records, r => Assert.Equal(1, r.Partition.Value));
        Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(300)));

        consumer.Resume([new TopicPartition("pause", 0)]);
        Assert.All(ConsumeMany(consumer, 3), r => Assert.Equal(0, r.Partition.Value));
    }

    [Fact]
    public async Task IncrementalAssign_AddAndRemovePartitions_ConsumesExactlyTheAssignedOnes()
    {
        await _node.CreateTopicAsync("manual", 3);
        for (var p = 0; p < 3; p++)
        {
            await _node.ProduceAsync("manual", p, 2, "p" + p);
        }

        using var consumer = new ConsumerBuilder<string, string>(_node.Config(null)).Build();
        consumer.Assign(new TopicPartition("manual", 0));
        consumer.IncrementalAssign([new TopicPartitionOffset("manual", 2, 1)]);

        var first = ConsumeMany(consumer, 3);
        Assert.Equal(["p0-0", "p0-1", "p2-1"], first.ConvertAll(r => r.Message.Value).Order());

        consumer.IncrementalUnassign([new TopicPartition("manual", 0)]);
        consumer.IncrementalAssign([new TopicPartition("manual", 1)]);
        Assert.Equal([new TopicPartition("manual", 1), new TopicPartition("manual", 2)], consumer.Assignment);
        Assert.Equal(["p1-0", "p1-1"], ConsumeMany(consumer, 2).ConvertAll(r => r.Message.Value));

        consumer.Unassign();
        Assert.Empty(consumer.Assignment);
        Assert.Throws<KafkaException>(() => consumer.Position(new TopicPartition("manual", 1)));
    }

    [Fact]
    public async Task Consume_TokenCancelledWhileWaiting_ThrowsOperationCanceled()
    {
        await _node.CreateTopicAsync("quiet", 1);
        using var consumer = new ConsumerBuilder<string, string>(_node.Config(null)).Build();
        consumer.Assign(new TopicPartition("quiet", 0));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => consumer.Consume(cancel.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        Assert.Null(consumer.Consume(TimeSpan.FromMilliseconds(50)));
        consumer.Close();
        Assert.Throws<ObjectDisposedException>(() => consumer.Consume(TimeSpan.Zero));
    }

    [Fact]
    public void Commit_WithoutGroupId_ThrowsAndSubscribeIsRefused()
    {
        using var consumer = new ConsumerBuilder<string, string>(_node.Config(null)).Build();

        var error = Assert.Throws<KafkaException>(() => consumer.Commit([new TopicPartitionOffset("t", 0, 1)]));
        Assert.Equal(LocalErrorCode.State, error.Error.LocalCode);
        Assert.Throws<InvalidOperationException>(() => consumer.Subscribe("t"));
    }

    [Fact]
    public void Build_InvalidSettings_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ConsumerBuilder<string, string>(_node.Config("g", c => c.HeartbeatIntervalMs = 10_000)).Build());
        Assert.Throws<ArgumentException>(() => new ConsumerBuilder<string, string>(_node.Config("g", c => c["partition.assignment.strategy"] = "range,fair")).Build());
        Assert.Throws<ArgumentException>(() => new ConsumerBuilder<string, string>(_node.Config(null, c => c.GroupInstanceId = "i")).Build());
        Assert.Throws<InvalidOperationException>(() => new ConsumerBuilder<Guid, string>(_node.Config("g")).Build());
        Assert.Throws<ArgumentException>(() => new ConsumerConfig { ["auto.offset.reset"] = "smallest" });
    }

    /// <summary>Consumes until <paramref name="count"/> results arrived (within a deadline).</summary>
    internal static List<ConsumeResult<TKey, TValue>> ConsumeMany<TKey, TValue>(IConsumer<TKey, TValue> consumer, int count, bool includeEof = false)
    {
        var results = new List<ConsumeResult<TKey, TValue>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (results.Count < count)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"Only {results.Count} of {count} records arrived; assignment [{string.Join(", ", consumer.Assignment)}]");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result && (includeEof || !result.IsPartitionEOF))
            {
                results.Add(result);
            }
        }

        return results;
    }
}
