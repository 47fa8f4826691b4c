using ActorStream.Actor;
using ActorStream.Broker.Topics;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Topics.TopicProtocol;

namespace ActorStream.Broker.Tests.Topics;

/// <summary>Deleted topics stay pending deletion until their logs are reported gone, durably.</summary>
public sealed partial class TopicManagerActorTests
{
    private void Delete(IActorRef manager, string name)
    {
        manager.Tell(new DeleteTopic(name), TestActor);
        Assert.Equal(ErrorCode.None, ExpectMsg<DeleteTopicResult>().Error);
    }

    private TopicsSnapshot Snapshot(IActorRef manager)
    {
        manager.Tell(GetSnapshot.Instance, TestActor);
        return ExpectMsg<TopicsSnapshot>();
    }

    private IActorRef Restart(IActorRef manager, int snapshotEvery = TopicManagerActor.DefaultSnapshotEvery)
    {
        Watch(manager);
        Sys.Stop(manager);
        ExpectTerminated(manager);
        return Sys.ActorOf(TopicManagerActor.Props(BrokerSettings.Default, _view, snapshotEvery: snapshotEvery));
    }

    [Fact]
    public void DeleteTopic_Deleted_PendingDeletionWithItsLastMetadata()
    {
        var manager = Start();
        var created = Create(manager, "doomed", 3).Topic!;

        Delete(manager, "doomed");

        var snapshot = Snapshot(manager);
        Assert.False(snapshot.TryGet("doomed", out _));
        var pending = Assert.Single(snapshot.PendingDeletions);
        Assert.Equal((created.TopicId, "doomed", 3), (pending.TopicId, pending.Name, pending.PartitionCount));
        Assert.Same(snapshot, _view.Current);
    }

    [Fact]
    public void CompleteTopicDeletion_Pending_PersistsAndPublishesLogsDeleted()
    {
        var manager = Start();
        var created = Create(manager, "doomed", 2).Topic!;
        Delete(manager, "doomed");
        Sys.EventStream.Subscribe(TestActor, typeof(TopicsChanged));

        manager.Tell(new CompleteTopicDeletion(created.TopicId), TestActor);

        var changed = ExpectMsg<TopicsChanged>();
        Assert.Equal(TopicChangeKind.LogsDeleted, changed.Kind);
        Assert.Equal(created.TopicId, changed.Topic!.TopicId);
        Assert.Empty(changed.Snapshot.PendingDeletions);
        ExpectMsg(new TopicDeletionCompleted(created.TopicId));
        Sys.EventStream.Unsubscribe(TestActor, typeof(TopicsChanged));
        var restarted = Restart(manager);
        Assert.Empty(Snapshot(restarted).PendingDeletions);
    }

    [Fact]
    public void CompleteTopicDeletion_NotPending_AnswersWithoutAChange()
    {
        var manager = Start();
        Create(manager, "alive");
        var version = Snapshot(manager).Version;

        manager.Tell(new CompleteTopicDeletion(Guid.NewGuid()), TestActor);

        ExpectMsg<TopicDeletionCompleted>();
        Assert.Equal(version, Snapshot(manager).Version);
    }

    [Fact]
    public void Restart_PendingDeletion_RecoveredFromEvents()
    {
        var manager = Start();
        var first = Create(manager, "one", 2).Topic!;
        var second = Create(manager, "two", 1).Topic!;
        Delete(manager, "one");
        Delete(manager, "two");
        manager.Tell(new CompleteTopicDeletion(second.TopicId), TestActor);
        ExpectMsg<TopicDeletionCompleted>();

        var restarted = Restart(manager);

        var pending = Assert.Single(Snapshot(restarted).PendingDeletions);
        Assert.Equal((first.TopicId, 2), (pending.TopicId, pending.PartitionCount));
    }

    [Fact]
    public async Task Restart_PendingDeletionInSnapshot_RecoveredFromTheSnapshot()
    {
        var manager = Sys.ActorOf(TopicManagerActor.Props(BrokerSettings.Default, _view, snapshotEvery: 2));
        var doomed = Create(manager, "doomed", 4, configs: new() { ["retention.ms"] = "77" }).Topic!;
        Delete(manager, "doomed");
        var store = await Persistence.Persistence.Get(Sys).SnapshotStoreFor(null);
        await AwaitConditionAsync(
            async () => (await store.LoadAsync(TopicManagerActor.PersistenceIdValue, Persistence.SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr == 2,
            message: "a snapshot at sequence number 2");

        var restarted = Restart(manager, snapshotEvery: 2);

        var pending = Assert.Single(Snapshot(restarted).PendingDeletions);
        Assert.Equal((doomed.TopicId, "doomed", 4, "77"), (pending.TopicId, pending.Name, pending.PartitionCount, pending.Configs["retention.ms"]));
        restarted.Tell(new CompleteTopicDeletion(doomed.TopicId), TestActor);
        ExpectMsg<TopicDeletionCompleted>();
        Assert.Empty(Snapshot(restarted).PendingDeletions);
    }
}
