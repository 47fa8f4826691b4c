using System.Collections.Immutable;
using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Configuration;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;
using ActorStream.Persistence;
using ActorStream.TestKit;
using static ActorStream.Broker.Partitions.PartitionProtocol;
using static ActorStream.Broker.Tests.Partitions.PartitionTestBatches;

namespace ActorStream.Broker.Tests.Partitions;

public sealed class PartitionActorFaultTests : TestKit.Xunit2.TestKit
{
    private const string Topic = "f";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private static readonly string s_journalId = Guid.NewGuid().ToString("N");

    public PartitionActorFaultTests()
        : base(ConfigurationFactory.ParseString($$"""
            actorstream.scheduler.implementation = "ActorStream.TestKit.TestScheduler, ActorStream.TestKit"
            actorstream.persistence.journal.plugin = "controllable-journal"
            actorstream.persistence.recovery.retry-backoff = 10ms
            controllable-journal {
              class = "ActorStream.Broker.Tests.Partitions.ControllableJournal+Provider, ActorStream.Broker.Tests"
              id = "{{s_journalId}}"
            }
            """))
    {
    }

    private static ControllableJournal.Controls Controls => ControllableJournal.For(s_journalId);

    private static PartitionConfig Config(long tailCacheBytes = 64L << 20)
        => PartitionConfig.Default with { RetentionCheckInterval = TimeSpan.Zero, TailCacheBytes = tailCacheBytes };

    private IActorRef Start(string id, PartitionConfig? config = null)
        => Sys.ActorOf(PartitionActor.Props(Topic, 0, config ?? Config(), id));

    private AppendResult Append(IActorRef p, byte[] records, short acks = 1)
    {
        p.Tell(new Append(Topic, 0, records, acks, TimeSpan.FromSeconds(5)), TestActor);
        return ExpectMsg<AppendResult>(s_wait);
    }

    private FetchResult Fetch(IActorRef p, long offset)
    {
        p.Tell(new Fetch(Topic, 0, offset, 1 << 20), TestActor);
        return ExpectMsg<FetchResult>(s_wait);
    }

    private PartitionState State(IActorRef p)
    {
        p.Tell(new GetPartitionState(Topic, 0), TestActor);
        return ExpectMsg<PartitionState>(s_wait);
    }

    private static string NewId() => "pf-" + Guid.NewGuid().ToString("N");

    [Fact]
    public void Append_WriteFails_RepliesStorageError_RestartsAndContinuesAfterDurableEnd()
    {
        var p = Start(NewId());
        Append(p, Batch(2));
        Controls.FailNextWrite();
        Assert.Equal(ErrorCode.KafkaStorageError, Append(p, Batch(3)).Error);
        var next = Append(p, Batch(1));
        Assert.Equal(ErrorCode.None, next.Error);
        Assert.Equal(2, next.BaseOffset);
        Assert.Equal(3, State(p).HighWatermark);
        Assert.Equal(2, Fetch(p, 0).Batches.Count);
    }

    [Fact]
    public void Append_WriteRejected_RepliesStorageError_OffsetsNotReused()
    {
        var p = Start(NewId());
        Append(p, Batch(2));
        Controls.RejectNextWrite();
        Assert.Equal(ErrorCode.KafkaStorageError, Append(p, Batch(3)).Error);
        var next = Append(p, Batch(1));
        Assert.Equal(5, next.BaseOffset);
        var fetched = Fetch(p, 0);
        Assert.Equal(2, fetched.Batches.Count);
        Assert.Equal(5, RecordBatch.Create(fetched.Batches[1]).BaseOffset);
        Assert.Equal(6, fetched.HighWatermark);
    }

    [Fact]
    public void Append_AcksAllNotDurableInTime_RequestTimedOut_ThenHighWatermarkMoves()
    {
        var p = Start(NewId());
        Append(p, Batch(1));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Controls.Gate = gate;
        try
        {
            p.Tell(new Append(Topic, 0, Batch(2), -1, TimeSpan.FromSeconds(5)), TestActor);
            Assert.Equal(1, State(p).HighWatermark);
            Assert.Equal(3, State(p).LogEndOffset);
            ((TestScheduler)Sys.Scheduler).Advance(TimeSpan.FromSeconds(6));
            Assert.Equal(ErrorCode.RequestTimedOut, ExpectMsg<AppendResult>(s_wait).Error);
        }
        finally
        {
            Controls.Gate = null;
            gate.SetResult();
        }

        AwaitCondition(() => State(p).HighWatermark == 3, s_wait);
    }

    /// <summary>The router's stop message waits for the write in flight: its producer is answered, then the actor stops.</summary>
    [Fact]
    public void Stop_WhileAWriteIsInFlight_AnswersTheAppendThenStops()
    {
        var p = Start(NewId());
        Append(p, Batch(1));
        Watch(p);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Controls.Gate = gate;
        try
        {
            p.Tell(new Append(Topic, 0, Batch(2), 1, TimeSpan.FromSeconds(5)), TestActor);
            Assert.Equal(3, State(p).LogEndOffset);
            p.Tell(PartitionProtocol.Stop.Instance, TestActor);
            ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            Controls.Gate = null;
            gate.SetResult();
        }

        var appended = ExpectMsg<AppendResult>(s_wait);
        Assert.Equal(ErrorCode.None, appended.Error);
        Assert.Equal(1, appended.BaseOffset);
        ExpectTerminated(p, s_wait);
    }

    [Fact]
    public void Idempotent_RetryWhileOriginalInFlight_GetsOriginalOutcome()
    {
        var p = Start(NewId());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Controls.Gate = gate;
        var original = Batch(2, producerId: 3, producerEpoch: 0, baseSequence: 0);
        var retry = (byte[])original.Clone();
        var probe = CreateTestProbe();
        p.Tell(new Append(Topic, 0, original, 1, TimeSpan.FromSeconds(5)), TestActor);
        p.Tell(new Append(Topic, 0, retry, 1, TimeSpan.FromSeconds(5)), probe.Ref);
        Assert.Equal(2, State(p).LogEndOffset);
        Controls.Gate = null;
        gate.SetResult();
        Assert.Equal(0, ExpectMsg<AppendResult>(s_wait).BaseOffset);
        var dup = probe.ExpectMsg<AppendResult>(s_wait);
        Assert.Equal(ErrorCode.None, dup.Error);
        Assert.Equal(0, dup.BaseOffset);
        Assert.Equal(1, State(p).BatchCount);
    }

    [Fact]
    public async Task Recovery_CorruptBatch_CutOffAndNeverServed()
    {
        var id = NewId();
        var p = Start(id, Config(tailCacheBytes: 1));
        Append(p, Batch(2));
        Append(p, Batch(2));
        Watch(p);
        Sys.Stop(p);
        ExpectTerminated(p, s_wait);

        // A torn write: the third batch's CRC no longer matches.
        var corrupt = AsStored(Batch(3), 4, 0);
        corrupt[^1] ^= 0x5A;
        var journal = await Persistence.Persistence.Get(Sys).JournalFor(null);
        PartitionActor.BindSerializer(Persistence.Persistence.Get(Sys));
        await journal.WriteMessagesAsync([new AtomicWrite(ImmutableList.Create<IPersistentRepresentation>(new Persistent(new StoredBatch(corrupt), 3, id)))]);

        var q = Start(id, Config(tailCacheBytes: 1));
        var state = State(q);
        Assert.Equal(2, state.BatchCount);
        var fetched = Fetch(q, 0);
        Assert.Equal(2, fetched.Batches.Count);
        foreach (var b in fetched.Batches)
        {
            Assert.Equal(RecordBatchError.None, RecordBatch.Create(b).Validate());
        }

        var next = Append(q, Batch(1));
        Assert.Equal(7, next.BaseOffset); // the offsets the corrupt batch claimed are not reused
        var after = Fetch(q, 4);
        Assert.Single(after.Batches);
        Assert.Equal(7, RecordBatch.Create(after.Batches[0]).BaseOffset);
    }
}
