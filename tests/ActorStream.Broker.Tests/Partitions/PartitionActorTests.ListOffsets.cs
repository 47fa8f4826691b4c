using System.Buffers.Binary;
using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;
using static ActorStream.Broker.Partitions.PartitionProtocol;
using static ActorStream.Broker.Tests.Partitions.PartitionTestBatches;

namespace ActorStream.Broker.Tests.Partitions;

/// <summary>ListOffsets by time and -3, answered per record from the tail cache and from the journal.</summary>
public sealed partial class PartitionActorTests
{
    private const long T0 = 1_700_000_000_000;

    /// <summary>Where the lookups are answered from.</summary>
    public enum LookupSource
    {
        /// <summary>The tail cache holds the whole log.</summary>
        TailCache,

        /// <summary>The cache keeps nothing durable: the journal's time index answers.</summary>
        ColdCache,

        /// <summary>Restarted with the default cache: recovery refills it.</summary>
        RestartWarm,

        /// <summary>Restarted with a cache that keeps nothing durable.</summary>
        RestartCold,
    }

    private static bool IsCold(LookupSource source) => source is LookupSource.ColdCache or LookupSource.RestartCold;

    /// <summary>Starts a partition, lets <paramref name="fill"/> append, then restarts it when <paramref name="source"/> says so.</summary>
    private IActorRef StartFor(LookupSource source, Action<IActorRef> fill, Func<PartitionConfig, PartitionConfig>? change = null)
    {
        var id = NewId();
        var config = Config(c =>
        {
            var changed = change is null ? c : change(c);
            return IsCold(source) ? changed with { TailCacheBytes = 1 } : changed;
        });
        var p = Start(id, config);
        fill(p);
        if (source is LookupSource.RestartWarm or LookupSource.RestartCold)
        {
            Stop(p);
            p = Start(id, config);
        }

        return p;
    }

    private ListOffsetsResult ListOffsetsAt(IActorRef p, long timestamp)
    {
        p.Tell(new ListOffsets(Topic, 0, timestamp), TestActor);
        return ExpectMsg<ListOffsetsResult>(s_wait);
    }

    private void AssertListed(IActorRef p, long target, long offset, long timestamp, int leaderEpoch)
    {
        var r = ListOffsetsAt(p, target);
        Assert.True(r.Error == ErrorCode.None && r.Offset == offset && r.Timestamp == timestamp && r.LeaderEpoch == leaderEpoch,
            $"lookup {target}: expected offset {offset} at {timestamp} (epoch {leaderEpoch}), got {r}");
    }

    public static TheoryData<LookupSource, CompressionCodec> SourcesAndCodecs()
    {
        var data = new TheoryData<LookupSource, CompressionCodec>();
        foreach (var source in Enum.GetValues<LookupSource>())
        {
            data.Add(source, CompressionCodec.None);
            data.Add(source, CompressionCodec.Gzip);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SourcesAndCodecs))]
    public void ListOffsets_ByTimestamp_AnswersFirstRecordAtOrAfterTarget(LookupSource source, CompressionCodec codec)
    {
        var p = StartFor(source, q =>
        {
            Append(q, Stamped([T0, T0 + 1_000, T0 + 2_000], codec));   // offsets 0..2
            Append(q, Stamped([T0 + 5_000, T0 + 6_000], codec));       // offsets 3..4
        }, c => c with { LeaderEpoch = 2 });

        AssertListed(p, T0 - 500, 0, T0, 2);                 // before the log
        AssertListed(p, T0 + 500, 1, T0 + 1_000, 2);         // inside the first batch
        AssertListed(p, T0 + 1_000, 1, T0 + 1_000, 2);       // exactly a record's time
        AssertListed(p, T0 + 3_000, 3, T0 + 5_000, 2);       // between the batches
        AssertListed(p, T0 + 5_500, 4, T0 + 6_000, 2);       // inside the second batch
        AssertListed(p, T0 + 6_001, -1, -1, -1);             // after the last record
        AssertListed(p, ListOffsets.MaxTimestamp, 4, T0 + 6_000, 2);
    }

    [Theory]
    [MemberData(nameof(SourcesAndCodecs))]
    public void ListOffsets_MaxTimestamp_AnswersFirstRecordHoldingTheLargestTimestamp(LookupSource source, CompressionCodec codec)
    {
        var p = StartFor(source, q =>
        {
            Append(q, Stamped([T0, T0 + 3_000, T0 + 1_000], codec));   // max at offset 1
            Append(q, Stamped([T0 + 3_000, T0 + 3_000], codec));       // the same max again later
            Append(q, Stamped([T0 + 2_000], codec));
        });

        AssertListed(p, ListOffsets.MaxTimestamp, 1, T0 + 3_000, 0);
        AssertListed(p, T0 + 2_500, 1, T0 + 3_000, 0);   // out-of-order times: the first record in offset order
    }

    [Theory]
    [InlineData(LookupSource.TailCache)]
    [InlineData(LookupSource.ColdCache)]
    [InlineData(LookupSource.RestartCold)]
    public void ListOffsets_LogStartInsideBatch_SkipsRecordsBelowIt(LookupSource source)
    {
        var p = StartFor(source, q =>
        {
            Append(q, Stamped([T0, T0 + 3_000, T0 + 1_000]));     // offsets 0..2
            Append(q, Stamped([T0 + 5_000, T0 + 6_000]));         // offsets 3..4
            q.Tell(new DeleteRecords(Topic, 0, 2), TestActor);
            Assert.Equal(2, ExpectMsg<DeleteRecordsResult>(s_wait).LowWatermark);
        });

        AssertListed(p, T0 - 500, 2, T0 + 1_000, 0);
        // Offset 1 (+3000) is the first match in time but lies below the log start: the next batch answers.
        AssertListed(p, T0 + 2_000, 3, T0 + 5_000, 0);
    }

    [Theory]
    [InlineData(LookupSource.TailCache)]
    [InlineData(LookupSource.ColdCache)]
    public void ListOffsets_LogAppendTime_AnswersFirstRecordOfTheBatchWithItsAppendTime(LookupSource source)
    {
        long appendTime = -1;
        var p = StartFor(source, q =>
        {
            appendTime = Append(q, Stamped([T0, T0 + 1_000, T0 + 2_000])).LogAppendTimeMs;
            Append(q, Stamped([T0 + 3_000, T0 + 4_000]));
        }, c => c with { TimestampType = MessageTimestampType.LogAppendTime });

        Assert.True(appendTime > 0);
        AssertListed(p, appendTime, 0, appendTime, 0);
        AssertListed(p, appendTime - 1_000_000, 0, appendTime, 0);
        AssertListed(p, appendTime + 1, -1, -1, -1);
    }

    [Theory]
    [InlineData(LookupSource.TailCache)]
    [InlineData(LookupSource.ColdCache)]
    public void ListOffsets_CodecWithoutDecoder_FallsBackToTheBatchHeader(LookupSource source)
    {
        // Records flagged snappy are stored as sent; only their header is readable here.
        var snappy = Stamped([T0, T0 + 1_000, T0 + 2_000]);
        var attributes = BinaryPrimitives.ReadInt16BigEndian(snappy.AsSpan(21));
        BinaryPrimitives.WriteInt16BigEndian(snappy.AsSpan(21), (short)((attributes & ~0x07) | (int)CompressionCodec.Snappy));
        RecordBatch.UpdateCrc(snappy);
        var p = StartFor(source, q =>
        {
            Assert.Equal(ErrorCode.None, Append(q, snappy).Error);
            Append(q, Stamped([T0 + 5_000]));
        });

        AssertListed(p, T0 + 500, 0, T0 + 2_000, 0);
        AssertListed(p, T0 + 3_000, 3, T0 + 5_000, 0);
    }
}
