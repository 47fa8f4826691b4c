using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupRegistryProtocol;

namespace ActorStream.Broker.Tests.GroupActor;

public sealed class GroupRegistryActorTests : TestKit.Xunit2.TestKit
{
    private IActorRef StartRegistry(int snapshotEvery = GroupRegistryActor.DefaultSnapshotEvery, string? name = null) =>
        Sys.ActorOf(GroupRegistryActor.Props(snapshotEvery), name ?? "registry-" + Guid.NewGuid().ToString("N"));

    private IReadOnlyList<string> Ids(IActorRef registry)
    {
        registry.Tell(GetGroupIds.Instance, TestActor);
        return ExpectMsg<GroupIds>().Ids;
    }

    private void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Register_NewAndKnownIds_AnswersEachAndListsThemInOrder()
    {
        var registry = StartRegistry();

        registry.Tell(new Register("b"), TestActor);
        registry.Tell(new Register("a"), TestActor);
        registry.Tell(new Register("b"), TestActor);

        Assert.Equal("b", ExpectMsg<Registered>().GroupId);
        Assert.Equal("a", ExpectMsg<Registered>().GroupId);
        Assert.Equal("b", ExpectMsg<Registered>().GroupId);
        Assert.Equal(["a", "b"], Ids(registry));
    }

    [Fact]
    public void GetGroupIds_TwiceWhileARegistrationPersists_AnswersBoth()
    {
        var registry = StartRegistry();

        // Both singleton requests are stashed while the registration is written.
        registry.Tell(new Register("a"), TestActor);
        registry.Tell(GetGroupIds.Instance, TestActor);
        registry.Tell(GetGroupIds.Instance, TestActor);

        Assert.Equal("a", ExpectMsg<Registered>().GroupId);
        Assert.Equal(["a"], ExpectMsg<GroupIds>().Ids);
        Assert.Equal(["a"], ExpectMsg<GroupIds>().Ids);
    }

    [Fact]
    public void Unregister_KnownAndUnknownIds_RemovesOnlyTheKnownOneWithoutAnswer()
    {
        var registry = StartRegistry();
        registry.Tell(new Register("a"), TestActor);
        registry.Tell(new Register("b"), TestActor);
        ExpectMsg<Registered>();
        ExpectMsg<Registered>();

        registry.Tell(new Unregister("a"), TestActor);
        registry.Tell(new Unregister("zzz"), TestActor);

        Assert.Equal(["b"], Ids(registry));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2)]
    public void Recovery_NewIncarnation_RestoresTheSameIds(int snapshotEvery)
    {
        var registry = StartRegistry(snapshotEvery, "registry");
        foreach (var id in new[] { "x", "y", "z", "w" })
        {
            registry.Tell(new Register(id), TestActor);
            ExpectMsg<Registered>();
        }

        registry.Tell(new Unregister("y"), TestActor);
        Assert.Equal(["w", "x", "z"], Ids(registry));
        Stop(registry);

        var recovered = StartRegistry(snapshotEvery, "registry");

        Assert.Equal(["w", "x", "z"], Ids(recovered));
    }

    [Fact]
    public void GroupCoordinator_CreatedAndDeleted_ReportsToTheRegistryInOrder()
    {
        var registry = CreateTestProbe("registry");
        var group = Sys.ActorOf(GroupCoordinatorActor.Props("reported", new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0 }, null, registry.Ref), "reported");

        group.Tell(new GroupProtocol.OffsetCommit(1, 2, "", null, -1, -1, [new GroupProtocol.OffsetCommitPartition("t", 0, 5)]), TestActor);
        Assert.Equal(ErrorCode.None, Assert.Single(ExpectMsg<GroupProtocol.OffsetCommitReply>().Partitions).Error);
        group.Tell(new GroupProtocol.DeleteGroup(2), TestActor);
        Assert.Equal(ErrorCode.None, ExpectMsg<GroupProtocol.DeleteGroupReply>().Error);

        Assert.Equal("reported", registry.ExpectMsg<Register>().GroupId);
        Assert.Equal("reported", registry.ExpectMsg<Unregister>().GroupId);
        registry.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void GroupCoordinator_RecoversLiveGroup_RegistersIt()
    {
        var registry = CreateTestProbe("registry");
        var config = new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0 };
        var group = Sys.ActorOf(GroupCoordinatorActor.Props("alive", config, null, registry.Ref), "alive-1");
        group.Tell(new GroupProtocol.OffsetCommit(1, 2, "", null, -1, -1, [new GroupProtocol.OffsetCommitPartition("t", 0, 5)]), TestActor);
        ExpectMsg<GroupProtocol.OffsetCommitReply>();
        Assert.Equal("alive", registry.ExpectMsg<Register>().GroupId);
        Stop(group);

        Sys.ActorOf(GroupCoordinatorActor.Props("alive", config, null, registry.Ref), "alive-2");

        Assert.Equal("alive", registry.ExpectMsg<Register>().GroupId);
    }

    [Fact]
    public void GroupCoordinator_RecoversDeadGroup_RegistersNothing()
    {
        var registry = CreateTestProbe("registry");

        Sys.ActorOf(GroupCoordinatorActor.Props("never", null, null, registry.Ref));

        registry.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
