using ActorStream.Actor;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Partitions.PartitionProtocol;
using static ActorStream.Broker.Tests.Partitions.PartitionTestBatches;

namespace ActorStream.Broker.Tests.Partitions;

/// <summary>OffsetForLeaderEpoch answered from the partition's leader epoch cache.</summary>
public sealed partial class PartitionActorTests
{
    private OffsetForLeaderEpochResult EpochEnd(IActorRef p, int leaderEpoch, int currentLeaderEpoch = -1)
    {
        p.Tell(new OffsetForLeaderEpoch(Topic, 0, currentLeaderEpoch, leaderEpoch), TestActor);
        return ExpectMsg<OffsetForLeaderEpochResult>(s_wait);
    }

    private void SetEpoch(IActorRef p, int epoch)
    {
        p.Tell(new UpdateConfig(Topic, 0, Config(c => c with { LeaderEpoch = epoch })), TestActor);
        ExpectMsg<ConfigUpdated>(s_wait);
    }

    [Fact]
    public void OffsetForLeaderEpoch_CurrentEpoch_EndsAtTheLogEndOffset()
    {
        var p = Start(NewId(), Config(c => c with { LeaderEpoch = 4 }));
        Append(p, Batch(3));
        Append(p, Batch(2));

        var result = EpochEnd(p, 4);

        Assert.Equal(new OffsetForLeaderEpochResult(Topic, 0, ErrorCode.None, 4, 5), result);
    }

    [Fact]
    public void OffsetForLeaderEpoch_AfterEpochChanges_OlderEpochsEndWhereTheNextStarts()
    {
        var p = Start(NewId());
        Append(p, Batch(3));
        SetEpoch(p, 2);
        Append(p, Batch(2));
        SetEpoch(p, 5);
        Append(p, Batch(1));

        Assert.Equal((0, 3L), Pair(EpochEnd(p, 0)));
        Assert.Equal((0, 3L), Pair(EpochEnd(p, 1)));
        Assert.Equal((2, 5L), Pair(EpochEnd(p, 2)));
        Assert.Equal((2, 5L), Pair(EpochEnd(p, 4)));
        Assert.Equal((5, 6L), Pair(EpochEnd(p, 5)));
        Assert.Equal((-1, -1L), Pair(EpochEnd(p, 6)));
        Assert.Equal((-1, -1L), Pair(EpochEnd(p, -1)));
    }

    [Fact]
    public void OffsetForLeaderEpoch_EpochBeforeTheFirstKnown_EndsWhereTheFirstStarts()
    {
        var p = Start(NewId(), Config(c => c with { LeaderEpoch = 3 }));
        Append(p, Batch(2));

        Assert.Equal((1, 0L), Pair(EpochEnd(p, 1)));
    }

    [Fact]
    public void OffsetForLeaderEpoch_CurrentLeaderEpochDiffers_FencedOrUnknown()
    {
        var p = Start(NewId(), Config(c => c with { LeaderEpoch = 3 }));

        Assert.Equal(ErrorCode.FencedLeaderEpoch, EpochEnd(p, 3, currentLeaderEpoch: 2).Error);
        Assert.Equal(ErrorCode.UnknownLeaderEpoch, EpochEnd(p, 3, currentLeaderEpoch: 4).Error);
        Assert.Equal(new OffsetForLeaderEpochResult(Topic, 0, ErrorCode.None, 3, 0), EpochEnd(p, 3, currentLeaderEpoch: 3));
    }

    [Fact]
    public void OffsetForLeaderEpoch_AfterRecovery_EpochsRebuiltFromTheBatches()
    {
        var id = NewId();
        var p = Start(id);
        Append(p, Batch(3));
        SetEpoch(p, 1);
        Append(p, Batch(2));
        Stop(p);

        var recovered = Start(id, Config(c => c with { LeaderEpoch = 4 }));

        Assert.Equal((0, 3L), Pair(EpochEnd(recovered, 0)));
        Assert.Equal((1, 5L), Pair(EpochEnd(recovered, 1)));
        Assert.Equal((1, 5L), Pair(EpochEnd(recovered, 3)));
        Append(recovered, Batch(1));
        Assert.Equal((4, 6L), Pair(EpochEnd(recovered, 4)));
    }

    [Fact]
    public void OffsetForLeaderEpoch_AfterDeleteRecords_FirstKnownEpochStartsAtTheLogStart()
    {
        var p = Start(NewId());
        Append(p, Batch(2));
        SetEpoch(p, 1);
        Append(p, Batch(2));
        Append(p, Batch(2));
        SetEpoch(p, 2);
        Append(p, Batch(2));

        p.Tell(new DeleteRecords(Topic, 0, 4), TestActor);
        Assert.Equal(ErrorCode.None, ExpectMsg<DeleteRecordsResult>(s_wait).Error);

        Assert.Equal((0, 4L), Pair(EpochEnd(p, 0)));
        Assert.Equal((1, 6L), Pair(EpochEnd(p, 1)));
        Assert.Equal((2, 8L), Pair(EpochEnd(p, 2)));
    }

    private static (int Epoch, long EndOffset) Pair(OffsetForLeaderEpochResult result)
    {
        Assert.Equal(ErrorCode.None, result.Error);
        return (result.LeaderEpoch, result.EndOffset);
    }
}
