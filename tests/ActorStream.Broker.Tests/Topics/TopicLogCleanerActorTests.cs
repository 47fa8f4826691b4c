using ActorStream.Actor;
using ActorStream.Broker.Partitions;
using ActorStream.Broker.Routing;
using ActorStream.Broker.Topics;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Broker.Tests.Topics;

public sealed class TopicLogCleanerActorTests : TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly TopicsView _view = new();

    private static string EntityId(TopicMetadata topic, int partition) => $"{topic.Name}-{partition}-{topic.TopicId:N}";

    private static string PersistenceIdOf(string entityId) => "partition-" + entityId;

    private (IActorRef Manager, LocalEntityRouter Router) StartBroker() =>
        (Sys.ActorOf(TopicManagerActor.Props(BrokerSettings.Default, _view)),
         LocalEntityRouter.Start(Sys, "partitions-" + Guid.NewGuid().ToString("N"), PartitionProps));

    /// <summary>Props of the partition behind an entity id "{topic}-{partition}-{topicId:N}" (topic names may hold '-').</summary>
    private static Props PartitionProps(string entityId)
    {
        var idDash = entityId.LastIndexOf('-');
        var partitionDash = entityId.LastIndexOf('-', idDash - 1);
        var partition = int.Parse(entityId.AsSpan(partitionDash + 1, idDash - partitionDash - 1), System.Globalization.CultureInfo.InvariantCulture);
        return PartitionActor.Props(entityId[..partitionDash], partition, PartitionConfig.Default with { RetentionCheckInterval = TimeSpan.Zero }, PersistenceIdOf(entityId));
    }

    private IActorRef StartCleaner(IActorRef manager, LocalEntityRouter router) =>
        Sys.ActorOf(TopicLogCleanerActor.Props(manager, router.Router, EntityId, PersistenceIdOf, TimeSpan.FromMilliseconds(100)));

    private TopicMetadata CreateWithData(IActorRef manager, LocalEntityRouter router, string name, int partitions)
    {
        manager.Tell(new TopicProtocol.CreateTopic(name, partitions), TestActor);
        var topic = ExpectMsg<TopicProtocol.CreateTopicResult>(s_wait).Topic!;
        for (var p = 0; p < partitions; p++)
        {
            using var builder = new RecordBatchBuilder();
            builder.Append(1_000, null, "v"u8.ToArray());
            router.Tell(EntityId(topic, p), new PartitionProtocol.Append(name, p, builder.Build(), -1, TimeSpan.FromSeconds(5)), TestActor);
            Assert.Equal(ErrorCode.None, ExpectMsg<PartitionProtocol.AppendResult>(s_wait).Error);
        }

        return topic;
    }

    private async Task<int> StoredEventsAsync(string persistenceId)
    {
        var journal = await Persistence.Persistence.Get(Sys).JournalFor(null);
        var events = 0;
        await journal.ReplayMessagesAsync(persistenceId, 1, long.MaxValue, long.MaxValue, _ => events++);
        return events;
    }

    private int EntityCount(LocalEntityRouter router)
    {
        router.Router.Tell(EntityRouterProtocol.GetEntityCount.Instance, TestActor);
        return ExpectMsg<EntityRouterProtocol.EntityCount>(s_wait).Count;
    }

    private Task AwaitNoPendingDeletionAsync() =>
        AwaitConditionAsync(() => _view.Current.PendingDeletions.Count == 0, s_wait, message: "the topic to leave pending deletion");

    [Fact]
    public async Task DeleteTopic_CleanerRunning_StopsPartitionsAndDeletesTheirEvents()
    {
        var (manager, router) = StartBroker();
        StartCleaner(manager, router);
        var doomed = CreateWithData(manager, router, "doomed", 2);
        var kept = CreateWithData(manager, router, "kept", 1);
        Assert.Equal(1, await StoredEventsAsync(PersistenceIdOf(EntityId(doomed, 1))));
        Assert.Equal(3, EntityCount(router));

        manager.Tell(new TopicProtocol.DeleteTopic("doomed"), TestActor);
        ExpectMsg<TopicProtocol.DeleteTopicResult>(s_wait);

        await AwaitNoPendingDeletionAsync();
        Assert.Equal(0, await StoredEventsAsync(PersistenceIdOf(EntityId(doomed, 0))));
        Assert.Equal(0, await StoredEventsAsync(PersistenceIdOf(EntityId(doomed, 1))));
        Assert.Equal(1, await StoredEventsAsync(PersistenceIdOf(EntityId(kept, 0))));
        Assert.Equal(1, EntityCount(router));
    }

    [Fact]
    public async Task Start_DeletionPendingFromBefore_CompletesIt()
    {
        var (manager, router) = StartBroker();
        var doomed = CreateWithData(manager, router, "left-behind", 2);
        manager.Tell(new TopicProtocol.DeleteTopic("left-behind"), TestActor);
        ExpectMsg<TopicProtocol.DeleteTopicResult>(s_wait);
        Watch(manager);
        Sys.Stop(manager);
        ExpectTerminated(manager, s_wait);
        var restarted = Sys.ActorOf(TopicManagerActor.Props(BrokerSettings.Default, _view));
        restarted.Tell(TopicProtocol.GetSnapshot.Instance, TestActor);
        Assert.Single(ExpectMsg<TopicsSnapshot>(s_wait).PendingDeletions);
        Assert.Equal(1, await StoredEventsAsync(PersistenceIdOf(EntityId(doomed, 0))));

        StartCleaner(restarted, router);

        await AwaitNoPendingDeletionAsync();
        Assert.Equal(0, await StoredEventsAsync(PersistenceIdOf(EntityId(doomed, 0))));
        Assert.Equal(0, await StoredEventsAsync(PersistenceIdOf(EntityId(doomed, 1))));
        Assert.Equal(0, EntityCount(router));
    }

    [Fact]
    public async Task DeleteTopic_SameNameCreatedAgain_NewTopicKeepsItsLog()
    {
        var (manager, router) = StartBroker();
        StartCleaner(manager, router);
        CreateWithData(manager, router, "again", 1);
        manager.Tell(new TopicProtocol.DeleteTopic("again"), TestActor);
        ExpectMsg<TopicProtocol.DeleteTopicResult>(s_wait);
        var reborn = CreateWithData(manager, router, "again", 1);

        await AwaitNoPendingDeletionAsync();

        Assert.Equal(1, await StoredEventsAsync(PersistenceIdOf(EntityId(reborn, 0))));
    }
}
