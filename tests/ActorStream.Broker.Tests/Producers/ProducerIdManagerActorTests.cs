using ActorStream.Actor;
using ActorStream.Broker.Producers;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Producers.ProducerIdProtocol;

namespace ActorStream.Broker.Tests.Producers;

public sealed class ProducerIdManagerActorTests : TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private InitProducerIdResult Init(IActorRef manager, long producerId = -1, short epoch = -1)
    {
        manager.Tell(new InitProducerId(producerId, epoch), TestActor);
        return ExpectMsg<InitProducerIdResult>(s_wait);
    }

    private List<long> InitMany(IActorRef manager, int count)
    {
        var ids = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            var result = Init(manager);
            Assert.Equal((ErrorCode.None, (short)0), (result.Error, result.ProducerEpoch));
            ids.Add(result.ProducerId);
        }

        return ids;
    }

    private IActorRef Restart(IActorRef manager, int blockSize)
    {
        Watch(manager);
        Sys.Stop(manager);
        ExpectTerminated(manager, s_wait);
        return Sys.ActorOf(ProducerIdManagerActor.Props(blockSize));
    }

    private async Task<List<ProducerIdBlockAllocated>> StoredBlocksAsync()
    {
        var journal = await Persistence.Persistence.Get(Sys).JournalFor(null);
        var blocks = new List<ProducerIdBlockAllocated>();
        await journal.ReplayMessagesAsync(ProducerIdManagerActor.PersistenceIdValue, 1, long.MaxValue, long.MaxValue, e => blocks.Add((ProducerIdBlockAllocated)e.Payload));
        return blocks;
    }

    [Fact]
    public void InitProducerId_AcrossBlocks_ConsecutiveIdsFromZero()
    {
        var manager = Sys.ActorOf(ProducerIdManagerActor.Props(blockSize: 3));

        var ids = InitMany(manager, 8);

        Assert.Equal([0L, 1, 2, 3, 4, 5, 6, 7], ids);
    }

    [Fact]
    public void InitProducerId_ManyAtOnce_AnsweredInOrderWithDistinctIds()
    {
        var manager = Sys.ActorOf(ProducerIdManagerActor.Props(blockSize: 4));
        for (var i = 0; i < 20; i++)
        {
            manager.Tell(new InitProducerId(), TestActor);
        }

        var ids = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(ExpectMsg<InitProducerIdResult>(s_wait).ProducerId);
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), ids);
    }

    [Fact]
    public void Restart_ContinuesAfterTheLastPersistedBlock()
    {
        var manager = Sys.ActorOf(ProducerIdManagerActor.Props(blockSize: 5));
        var before = InitMany(manager, 7);

        var restarted = Restart(manager, blockSize: 5);
        var after = InitMany(restarted, 3);

        Assert.Equal([0L, 1, 2, 3, 4, 5, 6], before);
        Assert.Equal([10L, 11, 12], after);
    }

    [Fact]
    public async Task InitProducerId_NewBlocks_OlderBlockEventsDeleted()
    {
        var manager = Sys.ActorOf(ProducerIdManagerActor.Props(blockSize: 2));
        InitMany(manager, 7);

        await AwaitConditionAsync(async () => (await StoredBlocksAsync()).Count == 1, s_wait, message: "only the latest block to stay stored");

        Assert.Equal(new ProducerIdBlockAllocated(6, 2), Assert.Single(await StoredBlocksAsync()));
    }

    [Fact]
    public void InitProducerId_HeldIdAndEpoch_BumpsTheEpoch()
    {
        var manager = Sys.ActorOf(ProducerIdManagerActor.Props());
        var issued = Init(manager);

        var bumped = Init(manager, issued.ProducerId, 0);
        var again = Init(manager, issued.ProducerId, 6);

        Assert.Equal(new InitProducerIdResult(ErrorCode.None, issued.ProducerId, 1), bumped);
        Assert.Equal(new InitProducerIdResult(ErrorCode.None, issued.ProducerId, 7), again);
    }

    [Fact]
    public void InitProducerId_IdNotIssuedOrEpochExhausted_NewId()
    {
        var manager = Sys.ActorOf(ProducerIdManagerActor.Props());
        var issued = Init(manager);

        var unknown = Init(manager, 500, 2);
        var exhausted = Init(manager, issued.ProducerId, short.MaxValue - 1);

        Assert.Equal(new InitProducerIdResult(ErrorCode.None, 1, 0), unknown);
        Assert.Equal(new InitProducerIdResult(ErrorCode.None, 2, 0), exhausted);
    }

    [Fact]
    public void Restart_IdFromTheLastIncarnation_CanBeBumped()
    {
        var manager = Sys.ActorOf(ProducerIdManagerActor.Props(blockSize: 10));
        var issued = Init(manager);

        var restarted = Restart(manager, blockSize: 10);

        Assert.Equal(new InitProducerIdResult(ErrorCode.None, issued.ProducerId, 1), Init(restarted, issued.ProducerId, 0));
    }
}
