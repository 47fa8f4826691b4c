using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Configuration;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;
using ActorStream.TestKit;
using static ActorStream.Broker.Partitions.PartitionProtocol;
using static ActorStream.Broker.Tests.Partitions.PartitionTestBatches;

namespace ActorStream.Broker.Tests.Partitions;

public sealed partial class PartitionActorTests : TestKit.Xunit2.TestKit
{
    private const string Topic = "t";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    public PartitionActorTests()
        : base(ConfigurationFactory.ParseString("""
            actorstream.scheduler.implementation = "ActorStream.TestKit.TestScheduler, ActorStream.TestKit"
            """))
    {
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private static PartitionConfig Config(Func<PartitionConfig, PartitionConfig>? change = null)
    {
        var config = PartitionConfig.Default with { RetentionCheckInterval = TimeSpan.Zero, RetentionMs = -1 };
        return change is null ? config : change(config);
    }

    private IActorRef Start(string id, PartitionConfig? config = null)
        => Sys.ActorOf(PartitionActor.Props(Topic, 0, config ?? Config(), id));

    private AppendResult Append(IActorRef p, byte[] records, short acks = 1)
    {
        p.Tell(new Append(Topic, 0, records, acks, TimeSpan.FromSeconds(30)), TestActor);
        return ExpectMsg<AppendResult>(s_wait);
    }

    private FetchResult Fetch(IActorRef p, long offset, int maxBytes = 1 << 20)
    {
        p.Tell(new Fetch(Topic, 0, offset, maxBytes), TestActor);
        return ExpectMsg<FetchResult>(s_wait);
    }

    private PartitionState State(IActorRef p)
    {
        p.Tell(new GetPartitionState(Topic, 0), TestActor);
        return ExpectMsg<PartitionState>(s_wait);
    }

    private void Stop(IActorRef p)
    {
        Watch(p);
        Sys.Stop(p);
        ExpectTerminated(p, s_wait);
    }

    private static string NewId() => "p-" + Guid.NewGuid().ToString("N");

    [Fact]
    public void Append_ConcurrentAppends_AssignConsecutiveOffsets()
    {
        var p = Start(NewId());
        for (var i = 0; i < 20; i++)
        {
            p.Tell(new Append(Topic, 0, Batch(3), 1, TimeSpan.FromSeconds(30)), TestActor);
        }

        for (var i = 0; i < 20; i++)
        {
            var r = ExpectMsg<AppendResult>(s_wait);
            Assert.Equal(ErrorCode.None, r.Error);
            Assert.Equal(i * 3L, r.BaseOffset);
            Assert.Equal(-1, r.LogAppendTimeMs);
        }

        var state = State(p);
        Assert.Equal(60, state.HighWatermark);
        Assert.Equal(60, state.LogEndOffset);
        Assert.Equal(20, state.BatchCount);
    }

    [Fact]
    public void Append_RewritesBaseOffsetAndEpoch_FetchReturnsExactStoredBytesWithValidCrc()
    {
        var p = Start(NewId(), Config(c => c with { LeaderEpoch = 7 }));
        var first = Batch(2);
        var second = Batch(4, value: "w");
        var expectedSecond = AsStored(second, 2, 7);
        Append(p, first);
        Assert.Equal(2, Append(p, second).BaseOffset);

        var fetched = Fetch(p, 2);
        Assert.Equal(ErrorCode.None, fetched.Error);
        Assert.Equal(6, fetched.HighWatermark);
        Assert.Equal(6, fetched.LastStableOffset);
        Assert.Single(fetched.Batches);
        Assert.Equal(expectedSecond, fetched.Batches[0].ToArray());
        var batch = RecordBatch.Create(fetched.Batches[0]);
        Assert.Equal(2, batch.BaseOffset);
        Assert.Equal(7, batch.PartitionLeaderEpoch);
        Assert.Equal(RecordBatchError.None, batch.Validate());
    }

    [Fact]
    public void Append_MultipleBatchesInOneRequest_AllStoredWithConsecutiveOffsets()
    {
        var p = Start(NewId());
        var blob = Batch(2).Concat(Batch(3)).ToArray();
        var r = Append(p, blob);
        Assert.Equal(0, r.BaseOffset);
        var fetched = Fetch(p, 0);
        Assert.Equal(2, fetched.Batches.Count);
        Assert.Equal(2, RecordBatch.Create(fetched.Batches[1]).BaseOffset);
        Assert.Equal(5, fetched.HighWatermark);
    }

    [Fact]
    public void Fetch_MaxBytes_LimitsBatchesButReturnsAtLeastOne()
    {
        var p = Start(NewId());
        var size = Batch(5).Length;
        for (var i = 0; i < 4; i++)
        {
            Append(p, Batch(5));
        }

        var one = Fetch(p, 0, maxBytes: 1);
        Assert.Single(one.Batches);
        Assert.Equal(size, one.TotalBytes);

        var two = Fetch(p, 7, maxBytes: (2 * size) + 10);
        Assert.Equal(2, two.Batches.Count);
        Assert.Equal(5, RecordBatch.Create(two.Batches[0]).BaseOffset); // starts at the batch holding offset 7
        Assert.Equal(2 * size, two.TotalBytes);

        var all = Fetch(p, 0);
        Assert.Equal(4, all.Batches.Count);
    }

    [Fact]
    public void Fetch_OutsideLog_ReturnsOffsetOutOfRange_AndAtHighWatermarkEmpty()
    {
        var p = Start(NewId());
        Append(p, Batch(3));
        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(p, 4).Error);
        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(p, -1).Error);
        var atEnd = Fetch(p, 3);
        Assert.Equal(ErrorCode.None, atEnd.Error);
        Assert.Empty(atEnd.Batches);
    }

    [Fact]
    public void Append_Acks0_RepliesAndStillPersists()
    {
        var p = Start(NewId());
        var r = Append(p, Batch(2), acks: 0);
        Assert.Equal(0, r.BaseOffset);
        AwaitCondition(() => State(p).HighWatermark == 2, s_wait);
        Assert.Single(Fetch(p, 0).Batches);
    }

    [Fact]
    public void Append_InvalidAcks_Rejected()
    {
        var p = Start(NewId());
        Assert.Equal(ErrorCode.InvalidRequiredAcks, Append(p, Batch(1), acks: 2).Error);
    }

    [Fact]
    public void Append_CorruptOrOversizeOrTorn_RejectedAndNothingStored()
    {
        var p = Start(NewId(), Config(c => c with { MaxMessageBytes = 200 }));
        var good = Batch(1);
        var corrupt = Batch(1);
        corrupt[^1] ^= 0xFF;
        Assert.Equal(ErrorCode.CorruptMessage, Append(p, good.Concat(corrupt).ToArray()).Error);
        Assert.Equal(ErrorCode.CorruptMessage, Append(p, Batch(1)[..40]).Error);
        Assert.Equal(ErrorCode.MessageTooLarge, Append(p, Batch(20, value: new string('x', 50))).Error);
        Assert.Equal(ErrorCode.InvalidRecord, Append(p, []).Error);
        var state = State(p);
        Assert.Equal(0, state.LogEndOffset);
        Assert.Equal(0, state.BatchCount);
        Assert.Equal(0, Append(p, Batch(1)).BaseOffset);
    }

    [Fact]
    public void Append_HeaderAClientMayNotSend_RejectedAsInvalidRecordAndNothingStored()
    {
        var p = Start(NewId());
        var inflated = Batch(2);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(inflated.AsSpan(23), 1_000);
        var control = Batch(1);
        System.Buffers.Binary.BinaryPrimitives.WriteInt16BigEndian(control.AsSpan(21), 0x20);
        var noSequence = Batch(1, producerId: 7, producerEpoch: 0, baseSequence: -1);
        foreach (var batch in new[] { inflated, control, noSequence })
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(batch.AsSpan(17), Crc32C.Compute(batch.AsSpan(21)));
            Assert.Equal(RecordBatchError.None, RecordBatch.Create(batch).Validate());
            var result = Append(p, batch);
            Assert.Equal(ErrorCode.InvalidRecord, result.Error);
            Assert.Equal(-1, result.BaseOffset);
        }

        Assert.Equal(0, State(p).LogEndOffset);
        Assert.Equal(0, Append(p, Batch(2)).BaseOffset);
        Assert.Equal(2, Append(p, Batch(1)).BaseOffset);
    }

    [Fact]
    public void Append_LogAppendTime_StampsBatchAndReportsTime()
    {
        var p = Start(NewId(), Config(c => c with { TimestampType = MessageTimestampType.LogAppendTime }));
        var r = Append(p, Batch(2, timestamp: 5));
        var now = Sys.Scheduler.Now.ToUnixTimeMilliseconds();
        Assert.InRange(r.LogAppendTimeMs, now - 60_000, now);
        var batch = RecordBatch.Create(Fetch(p, 0).Batches[0]);
        Assert.Equal(TimestampType.LogAppendTime, batch.TimestampType);
        Assert.Equal(r.LogAppendTimeMs, batch.MaxTimestamp);
        Assert.Equal(RecordBatchError.None, batch.Validate());
    }

    [Fact]
    public void WaitForData_CompletedByAppend()
    {
        var p = Start(NewId());
        Append(p, Batch(2));
        var probe = CreateTestProbe();
        p.Tell(new WaitForData(Topic, 0, 2, TimeSpan.FromMinutes(1)), probe.Ref);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Append(p, Batch(3));
        Assert.Equal(5, probe.ExpectMsg<DataAvailable>(s_wait).HighWatermark);
    }

    [Fact]
    public void WaitForData_AlreadyAvailable_RepliesAtOnce_ElseTimesOut()
    {
        var p = Start(NewId());
        Append(p, Batch(2));
        p.Tell(new WaitForData(Topic, 0, 1, TimeSpan.FromMinutes(1)), TestActor);
        Assert.Equal(2, ExpectMsg<DataAvailable>(s_wait).HighWatermark);

        p.Tell(new WaitForData(Topic, 0, 2, TimeSpan.FromSeconds(5)), TestActor);
        State(p); // the waiter is registered once this is answered
        Scheduler.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(2, ExpectMsg<DataAvailable>(s_wait).HighWatermark);
    }

    [Fact]
    public void ListOffsets_EarliestLatestTimestampAndMax()
    {
        var p = Start(NewId());
        Append(p, Batch(3, timestamp: 100));   // 0..2, ts 100..102
        Append(p, Batch(2, timestamp: 500));   // 3..4, ts 500..501
        Append(p, Batch(2, timestamp: 300));   // 5..6, ts 300..301

        ListOffsetsResult Ask(long ts)
        {
            p.Tell(new ListOffsets(Topic, 0, ts), TestActor);
            return ExpectMsg<ListOffsetsResult>(s_wait);
        }

        Assert.Equal(0, Ask(ListOffsets.Earliest).Offset);
        Assert.Equal(7, Ask(ListOffsets.Latest).Offset);
        var max = Ask(ListOffsets.MaxTimestamp);
        Assert.Equal(501, max.Timestamp);
        Assert.Equal(4, max.Offset);
        Assert.Equal(0, Ask(50).Offset);
        var byTime = Ask(400);
        Assert.Equal(3, byTime.Offset);
        Assert.Equal(500, byTime.Timestamp); // the matching record's time, not its batch's max
        Assert.Equal(-1, Ask(10_000).Offset);
    }

    [Fact]
    public void DeleteRecords_MovesLogStart_FetchBelowIsOutOfRange()
    {
        var p = Start(NewId());
        Append(p, Batch(3));
        Append(p, Batch(3));
        Append(p, Batch(3));

        p.Tell(new DeleteRecords(Topic, 0, 4), TestActor);
        var r = ExpectMsg<DeleteRecordsResult>(s_wait);
        Assert.Equal(ErrorCode.None, r.Error);
        Assert.Equal(4, r.LowWatermark);
        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(p, 3).Error);
        var fetched = Fetch(p, 4);
        Assert.Equal(3, RecordBatch.Create(fetched.Batches[0]).BaseOffset); // the batch holding 4 stays
        Assert.Equal(4, fetched.LogStartOffset);
        var state = State(p);
        Assert.Equal(4, state.LogStartOffset);
        Assert.Equal(2, state.BatchCount);

        p.Tell(new DeleteRecords(Topic, 0, 10), TestActor);
        Assert.Equal(ErrorCode.OffsetOutOfRange, ExpectMsg<DeleteRecordsResult>(s_wait).Error);

        p.Tell(new DeleteRecords(Topic, 0, -1), TestActor);
        Assert.Equal(9, ExpectMsg<DeleteRecordsResult>(s_wait).LowWatermark);
        Assert.Equal(0, State(p).BatchCount);
        p.Tell(new ListOffsets(Topic, 0, ListOffsets.Earliest), TestActor);
        Assert.Equal(9, ExpectMsg<ListOffsetsResult>(s_wait).Offset);
    }

    [Fact]
    public void Retention_ByTime_DeletesOldHeadBatches()
    {
        var interval = TimeSpan.FromMinutes(1);
        var p = Start(NewId(), Config(c => c with { RetentionMs = 60_000, RetentionCheckInterval = interval }));
        var now = Sys.Scheduler.Now.ToUnixTimeMilliseconds();
        Append(p, Batch(2, timestamp: now - 120_000)); // old
        Append(p, Batch(2, timestamp: now - 90_000));  // old
        Append(p, Batch(2, timestamp: now + 600_000)); // stays
        Scheduler.Advance(interval);
        AwaitCondition(() => State(p).LogStartOffset == 4, s_wait);
        var state = State(p);
        Assert.Equal(1, state.BatchCount);
        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(p, 0).Error);
        Assert.Equal(4, RecordBatch.Create(Fetch(p, 4).Batches[0]).BaseOffset);
    }

    [Fact]
    public void Retention_BySize_KeepsNewestBatchesWithinLimit()
    {
        var interval = TimeSpan.FromMinutes(1);
        var size = Batch(2).Length;
        var p = Start(NewId(), Config(c => c with { RetentionBytes = 2 * size, RetentionCheckInterval = interval }));
        for (var i = 0; i < 5; i++)
        {
            Append(p, Batch(2));
        }

        Scheduler.Advance(interval);
        AwaitCondition(() => State(p).LogStartOffset == 6, s_wait);
        var state = State(p);
        Assert.Equal(2, state.BatchCount);
        Assert.Equal(2L * size, state.Bytes);
    }

    [Fact]
    public async Task Retention_AfterUpdateConfig_DeletesJournalEvents_AndRestartKeepsLogStart()
    {
        var id = NewId();
        var interval = TimeSpan.FromMinutes(1);
        var p = Start(id, Config(c => c with { RetentionCheckInterval = interval }));
        var now = Sys.Scheduler.Now.ToUnixTimeMilliseconds();
        for (var i = 0; i < 4; i++)
        {
            Append(p, Batch(1, timestamp: now + 120_000 - ((4 - i) * 10_000))); // ages 40s..10s at the second check
        }

        Scheduler.Advance(interval);
        Assert.Equal(0, State(p).LogStartOffset); // retention.ms = -1 keeps everything

        p.Tell(new UpdateConfig(Topic, 0, Config(c => c with { RetentionMs = 25_000, RetentionCheckInterval = interval })), TestActor);
        ExpectMsg<ConfigUpdated>(s_wait);
        Scheduler.Advance(interval);
        AwaitCondition(() => State(p).LogStartOffset == 2, s_wait);

        var journal = await Persistence.Persistence.Get(Sys).JournalFor(null);
        var seen = new List<long>();
        await AwaitConditionAsync(
            async () =>
            {
                seen.Clear();
                await journal.ReplayMessagesAsync(id, 1, long.MaxValue, long.MaxValue, e => seen.Add(e.SequenceNr));
                return seen.Count > 0 && seen[0] == 3;
            },
            s_wait);

        Watch(p);
        Sys.Stop(p);
        ExpectTerminated(p, s_wait);
        var q = Start(id);
        var state = State(q);
        Assert.Equal(2, state.LogStartOffset);
        Assert.Equal(4, state.HighWatermark);
        Assert.Equal(2, state.BatchCount);
        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(q, 1).Error);
        Assert.Equal(2, RecordBatch.Create(Fetch(q, 2).Batches[0]).BaseOffset);
    }

    [Fact]
    public void Idempotent_DuplicateReturnsOriginalOffsetAndStoresNothing()
    {
        var p = Start(NewId());
        Append(p, Batch(1));
        var first = Batch(3, producerId: 42, producerEpoch: 0, baseSequence: 0);
        var retry = (byte[])first.Clone();
        Assert.Equal(1, Append(p, first).BaseOffset);
        Assert.Equal(4, Append(p, Batch(2, producerId: 42, producerEpoch: 0, baseSequence: 3)).BaseOffset);
        var dup = Append(p, retry);
        Assert.Equal(ErrorCode.None, dup.Error);
        Assert.Equal(1, dup.BaseOffset);
        var state = State(p);
        Assert.Equal(6, state.LogEndOffset);
        Assert.Equal(3, state.BatchCount);
    }

    [Fact]
    public void Idempotent_SequenceGapAndOldEpoch_Rejected()
    {
        var p = Start(NewId());
        Append(p, Batch(2, producerId: 7, producerEpoch: 1, baseSequence: 0));
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, Append(p, Batch(1, producerId: 7, producerEpoch: 1, baseSequence: 5)).Error);
        Assert.Equal(ErrorCode.InvalidProducerEpoch, Append(p, Batch(1, producerId: 7, producerEpoch: 0, baseSequence: 2)).Error);
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, Append(p, Batch(1, producerId: 7, producerEpoch: 2, baseSequence: 3)).Error);
        Assert.Equal(2, Append(p, Batch(1, producerId: 7, producerEpoch: 2, baseSequence: 0)).BaseOffset);
        Assert.Equal(3, State(p).LogEndOffset);
    }

    [Fact]
    public void Restart_RecoversOffsetsProducerStateAndServesOldData()
    {
        var id = NewId();
        var p = Start(id);
        var stored = new List<byte[]>();
        for (var i = 0; i < 4; i++)
        {
            var b = Batch(2, value: "r" + i);
            stored.Add(AsStored(b, i * 2, 0));
            Append(p, b);
        }

        var idem = Batch(1, producerId: 9, producerEpoch: 0, baseSequence: 0);
        var retry = (byte[])idem.Clone();
        Assert.Equal(8, Append(p, idem).BaseOffset);
        Stop(p);

        var q = Start(id);
        var state = State(q);
        Assert.Equal(9, state.HighWatermark);
        Assert.Equal(9, state.LogEndOffset);
        Assert.Equal(5, state.BatchCount);
        var fetched = Fetch(q, 0);
        Assert.Equal(5, fetched.Batches.Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(stored[i], fetched.Batches[i].ToArray());
        }

        Assert.Equal(8, Append(q, retry).BaseOffset); // duplicate recognised after restart
        Assert.Equal(9, Append(q, Batch(1)).BaseOffset);
    }

    [Fact]
    public void Restart_WithSnapshot_RecoversAndServesPreSnapshotDataFromJournal()
    {
        var id = NewId();
        var config = Config(c => c with { SnapshotEveryBatches = 3 });
        var p = Start(id, config);
        var firstStored = AsStored(Batch(2, value: "s0"), 0, 0);
        Append(p, Batch(2, value: "s0"));
        for (var i = 1; i < 5; i++)
        {
            Append(p, Batch(2, value: "s" + i));
        }

        Append(p, Batch(1, producerId: 5, producerEpoch: 0, baseSequence: 0));
        p.Tell(new DeleteRecords(Topic, 0, 1), TestActor);
        Assert.Equal(1, ExpectMsg<DeleteRecordsResult>(s_wait).LowWatermark);
        Stop(p);

        var q = Start(id, config);
        var state = State(q);
        Assert.Equal(11, state.HighWatermark);
        Assert.Equal(1, state.LogStartOffset);
        Assert.Equal(6, state.BatchCount);
        var fetched = Fetch(q, 1, maxBytes: 1);
        Assert.Equal(firstStored, fetched.Batches[0].ToArray());
        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, Append(q, Batch(1, producerId: 5, producerEpoch: 0, baseSequence: 4)).Error);
        Assert.Equal(11, Append(q, Batch(1, producerId: 5, producerEpoch: 0, baseSequence: 1)).BaseOffset);
    }

    [Fact]
    public void Fetch_BeyondTailCache_ServedThroughJournalLookup()
    {
        var p = Start(NewId(), Config(c => c with { TailCacheBytes = 1 }));
        var expected = new List<byte[]>();
        for (var i = 0; i < 6; i++)
        {
            var b = Batch(3, value: "c" + i);
            expected.Add(AsStored(b, i * 3, 0));
            Append(p, b);
        }

        var fetched = Fetch(p, 7, maxBytes: 2 * expected[0].Length);
        Assert.Equal(ErrorCode.None, fetched.Error);
        Assert.Equal(2, fetched.Batches.Count);
        Assert.Equal(expected[2], fetched.Batches[0].ToArray());
        Assert.Equal(expected[3], fetched.Batches[1].ToArray());
        Assert.Equal(18, fetched.HighWatermark);

        p.Tell(new ListOffsets(Topic, 0, 1_001), TestActor);
        Assert.Equal(1, ExpectMsg<ListOffsetsResult>(s_wait).Offset); // the record stamped 1001 of the first batch
    }

    [Fact]
    public void Fetch_BeyondTailCacheBatchesSmallerThanAverage_ReadsUntilMaxBytes()
    {
        // The first journal round trip is sized by the average batch; here the wanted batches are far
        // smaller than the average, so the read must go on until max bytes are filled.
        var p = Start(NewId(), Config(c => c with { TailCacheBytes = 1 }));
        var offset = 0L;
        for (var i = 0; i < 4; i++)
        {
            Append(p, Batch(200, value: "large-" + i));
            offset += 200;
        }

        var small = new List<byte[]>();
        for (var i = 0; i < 6; i++)
        {
            var b = Batch(1, value: "s" + i);
            small.Add(AsStored(b, offset + i, 0));
            Append(p, b);
        }

        var fetched = Fetch(p, offset, maxBytes: small.Sum(b => b.Length));
        Assert.Equal(ErrorCode.None, fetched.Error);
        Assert.Equal(small.Count, fetched.Batches.Count);
        for (var i = 0; i < small.Count; i++)
        {
            Assert.Equal(small[i], fetched.Batches[i].ToArray());
        }
    }
}
