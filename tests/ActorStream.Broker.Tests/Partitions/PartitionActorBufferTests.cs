using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Configuration;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Partitions.PartitionProtocol;
using static ActorStream.Broker.Tests.Partitions.PartitionTestBatches;

namespace ActorStream.Broker.Tests.Partitions;

/// <summary>
/// The life of a pooled <see cref="RecordsBuffer"/> in the partition leader: released once the batch is
/// durable and out of the cache, kept while a fetch reply or the journal may still read it.
/// </summary>
public sealed class PartitionActorBufferTests : TestKit.Xunit2.TestKit
{
    private const string Topic = "b";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private static readonly string s_journalId = Guid.NewGuid().ToString("N");

    public PartitionActorBufferTests()
        : base(ConfigurationFactory.ParseString($$"""
            actorstream.scheduler.implementation = "ActorStream.TestKit.TestScheduler, ActorStream.TestKit"
            actorstream.persistence.journal.plugin = "controllable-journal"
            controllable-journal {
              class = "ActorStream.Broker.Tests.Partitions.ControllableJournal+Provider, ActorStream.Broker.Tests"
              id = "{{s_journalId}}"
            }
            """))
    {
    }

    private static ControllableJournal.Controls Controls => ControllableJournal.For(s_journalId);

    private static PartitionConfig Config(long tailCacheBytes)
        => PartitionConfig.Default with { RetentionCheckInterval = TimeSpan.Zero, TailCacheBytes = tailCacheBytes };

    private IActorRef Start(long tailCacheBytes)
        => Sys.ActorOf(PartitionActor.Props(Topic, 0, Config(tailCacheBytes), "pb-" + Guid.NewGuid().ToString("N")));

    private static RecordsBuffer Pooled(byte[] records)
    {
        var buffer = RecordsBuffer.Rent(records.Length);
        records.CopyTo(buffer.Memory.Span);
        return buffer;
    }

    private static Append AppendOf(RecordsBuffer buffer, short acks = 1)
        => new(Topic, 0, buffer.Memory, acks, TimeSpan.FromSeconds(5)) { Buffer = buffer };

    private void AwaitReleased(RecordsBuffer buffer)
        => AwaitCondition(() => buffer.References == 0, s_wait, message: $"{buffer.References} references left");

    [Fact]
    public void Append_DurableAndEvicted_BufferReturned()
    {
        var p = Start(tailCacheBytes: 1);
        var buffer = Pooled(Concat(Batch(3), Batch(2)));

        p.Tell(AppendOf(buffer), TestActor);

        Assert.Equal(ErrorCode.None, ExpectMsg<AppendResult>(s_wait).Error);
        AwaitReleased(buffer);
    }

    [Fact]
    public void Append_InvalidBatch_BufferReturned()
    {
        var p = Start(tailCacheBytes: 64L << 20);
        var corrupt = Batch(2);
        corrupt[^1] ^= 0x55;
        var buffer = Pooled(corrupt);

        p.Tell(AppendOf(buffer), TestActor);

        Assert.Equal(ErrorCode.CorruptMessage, ExpectMsg<AppendResult>(s_wait).Error);
        AwaitReleased(buffer);
    }

    [Fact]
    public void Append_WriteRejected_BufferReturned()
    {
        var p = Start(tailCacheBytes: 64L << 20);
        var buffer = Pooled(Batch(2));
        Controls.RejectNextWrite();

        p.Tell(AppendOf(buffer), TestActor);

        Assert.Equal(ErrorCode.KafkaStorageError, ExpectMsg<AppendResult>(s_wait).Error);
        AwaitReleased(buffer);
    }

    [Fact]
    public void Fetch_FromCache_LeaseKeepsBufferUntilDisposed()
    {
        var p = Start(tailCacheBytes: 64L << 20);
        var records = Batch(4);
        var buffer = Pooled(records);
        p.Tell(AppendOf(buffer), TestActor);
        ExpectMsg<AppendResult>(s_wait);
        p.Tell(new Fetch(Topic, 0, 0, 1 << 20), TestActor);
        var fetched = ExpectMsg<FetchResult>(s_wait);
        Assert.NotNull(fetched.Lease);

        // The cache lets the batch go; the reply still holds it.
        p.Tell(new UpdateConfig(Topic, 0, Config(tailCacheBytes: 1)), TestActor);
        ExpectMsg<ConfigUpdated>(s_wait);
        Assert.Equal(1, buffer.References);
        Assert.Equal(AsStored(records, 0, 0), fetched.Batches[0].ToArray());

        fetched.Lease!.Dispose();
        fetched.Lease.Dispose();
        Assert.Equal(0, buffer.References);
    }

    [Fact]
    public void Stop_WhileWriteInFlight_BufferKeptForTheJournal()
    {
        var p = Start(tailCacheBytes: 64L << 20);
        var buffer = Pooled(Batch(2));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Controls.Gate = gate;
        try
        {
            p.Tell(AppendOf(buffer), TestActor);
            p.Tell(new GetPartitionState(Topic, 0), TestActor);
            Assert.Equal(2, ExpectMsg<PartitionState>(s_wait).LogEndOffset);
            Watch(p);
            Sys.Stop(p);
            Assert.Equal(ErrorCode.KafkaStorageError, ExpectMsg<AppendResult>(s_wait).Error);
            ExpectTerminated(p, s_wait);

            // The journal may still read the bytes: its reference is never given back.
            Assert.Equal(1, buffer.References);
        }
        finally
        {
            Controls.Gate = null;
            gate.SetResult();
        }
    }

    [Fact]
    public void Release_OnceTooOften_Throws()
    {
        var buffer = RecordsBuffer.Rent(10);
        buffer.Retain();
        buffer.Dispose();
        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => buffer.Retain());
        Assert.Throws<InvalidOperationException>(buffer.Dispose);
    }

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var all = new byte[a.Length + b.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        return all;
    }
}
