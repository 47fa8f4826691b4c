using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Configuration;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;
using static ActorStream.Broker.Partitions.PartitionProtocol;
using static ActorStream.Broker.Tests.Partitions.PartitionTestBatches;

namespace ActorStream.Broker.Tests.Partitions;

/// <summary>The partition log over the SQLite journal and snapshot store (a temporary database file).</summary>
public sealed class PartitionActorSqliteTests : TestKit.Xunit2.TestKit
{
    private const string Topic = "s";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);
    private readonly string _directory;

    public PartitionActorSqliteTests()
        : this(Path.Combine(Path.GetTempPath(), "actorstream-partition-" + Guid.NewGuid().ToString("N")))
    {
    }

    private PartitionActorSqliteTests(string directory)
        : base(ConfigurationFactory.ParseString($$"""
            actorstream.persistence {
              journal.plugin = "sqlite-journal"
              snapshot-store.plugin = "sqlite-snapshots"
            }
            sqlite-journal {
              class = "ActorStream.Persistence.Sql.SqliteJournalProvider, ActorStream.Persistence.Sql"
              data-source = "{{Path.Combine(directory, "journal.db").Replace("\\", "/", StringComparison.Ordinal)}}"
              synchronous = normal
            }
            sqlite-snapshots {
              class = "ActorStream.Persistence.Sql.SqliteSnapshotStoreProvider, ActorStream.Persistence.Sql"
              data-source = "{{Path.Combine(directory, "snapshots.db").Replace("\\", "/", StringComparison.Ordinal)}}"
            }
            """))
    {
        _directory = directory;
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private IActorRef Start(string id, PartitionConfig config)
        => Sys.ActorOf(PartitionActor.Props(Topic, 0, config, id));

    private AppendResult Append(IActorRef p, byte[] records)
    {
        p.Tell(new Append(Topic, 0, records, -1, TimeSpan.FromSeconds(30)), TestActor);
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

    [Fact]
    public void Sqlite_AppendRestartWithSnapshot_ServesOldDataThroughIndex()
    {
        var id = "sq-" + Guid.NewGuid().ToString("N");
        var config = PartitionConfig.Default with { RetentionCheckInterval = TimeSpan.Zero, SnapshotEveryBatches = 4, TailCacheBytes = 1, LeaderEpoch = 3 };
        var p = Start(id, config);
        var expected = new List<byte[]>();
        for (var i = 0; i < 10; i++)
        {
            var b = Batch(2, timestamp: 1_000 * (i + 1), value: "q" + i);
            expected.Add(AsStored(b, i * 2, 3));
            Assert.Equal(i * 2L, Append(p, b).BaseOffset);
        }

        Assert.Equal(20, Append(p, Batch(1, producerId: 11, producerEpoch: 0, baseSequence: 0)).BaseOffset);
        Watch(p);
        Sys.Stop(p);
        ExpectTerminated(p, s_wait);

        var q = Start(id, config);
        var state = State(q);
        Assert.Equal(21, state.HighWatermark);
        Assert.Equal(11, state.BatchCount);

        var fetched = Fetch(q, 5, maxBytes: 2 * expected[0].Length);
        Assert.Equal(2, fetched.Batches.Count);
        Assert.Equal(expected[2], fetched.Batches[0].ToArray());
        Assert.Equal(expected[3], fetched.Batches[1].ToArray());
        Assert.Equal(3, RecordBatch.Create(fetched.Batches[0]).PartitionLeaderEpoch);

        q.Tell(new ListOffsets(Topic, 0, 6_500), TestActor);
        var byTime = ExpectMsg<ListOffsetsResult>(s_wait);
        Assert.Equal(12, byTime.Offset);
        Assert.Equal(3, byTime.LeaderEpoch);

        Assert.Equal(ErrorCode.OutOfOrderSequenceNumber, Append(q, Batch(1, producerId: 11, producerEpoch: 0, baseSequence: 5)).Error);
        Assert.Equal(21, Append(q, Batch(1, producerId: 11, producerEpoch: 0, baseSequence: 1)).BaseOffset);
    }

    [Fact]
    public void Sqlite_DeleteRecords_DeletesJournalEventsAndSurvivesRestart()
    {
        var id = "sq-" + Guid.NewGuid().ToString("N");
        var config = PartitionConfig.Default with { RetentionCheckInterval = TimeSpan.Zero };
        var p = Start(id, config);
        for (var i = 0; i < 6; i++)
        {
            Append(p, Batch(2));
        }

        p.Tell(new DeleteRecords(Topic, 0, 7), TestActor);
        Assert.Equal(7, ExpectMsg<DeleteRecordsResult>(s_wait).LowWatermark);
        Watch(p);
        Sys.Stop(p);
        ExpectTerminated(p, s_wait);

        var q = Start(id, config);
        var state = State(q);
        Assert.Equal(7, state.LogStartOffset);
        Assert.Equal(12, state.HighWatermark);
        Assert.Equal(3, state.BatchCount);
        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(q, 5).Error);
        Assert.Equal(6, RecordBatch.Create(Fetch(q, 7).Batches[0]).BaseOffset);
    }
}
