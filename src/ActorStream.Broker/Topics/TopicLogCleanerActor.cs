using ActorStream.Actor;
using ActorStream.Broker.Routing;
using ActorStream.Event;
using ActorStream.Persistence;

namespace ActorStream.Broker.Topics;

/// <summary>
/// Reclaims the storage of deleted topics: for every topic pending deletion in the topic metadata
/// (<see cref="TopicsSnapshot.PendingDeletions"/>) it stops the partition actors through the partition
/// router (<see cref="EntityRouterProtocol.StopEntity"/>), deletes each partition's journal events and
/// snapshots from the default journal and snapshot store, and then reports
/// <see cref="TopicProtocol.CompleteTopicDeletion"/> to the topic manager, which ends the pending state
/// durably. Pending deletions survive a restart in the manager's journal, so work cut short by a stop is
/// picked up again: the cleaner reads the manager's snapshot when it starts and follows
/// <see cref="TopicsChanged"/> on the event stream afterwards. A failed deletion is retried after
/// <c>retryInterval</c>. Deleting a log that is already gone is harmless, so retries are safe.
/// <para>
/// A request that reached the router for a partition just before its topic was deleted may start a new
/// incarnation of that partition after it stopped; a second stop after the storage is deleted ends such
/// an incarnation too.
/// </para>
/// Runs as an actor: not thread-safe, single owner.
/// </summary>
public sealed class TopicLogCleanerActor : ReceiveActor, IWithTimers
{
    private const string RetryTimerKey = "retry";

    private readonly IActorRef _topicManager;
    private readonly IActorRef _partitionRouter;
    private readonly Func<TopicMetadata, int, string> _entityId;
    private readonly Func<string, string> _persistenceId;
    private readonly TimeSpan _retryInterval;
    private readonly TimeSpan _stopTimeout;
    private readonly HashSet<Guid> _running = [];
    private readonly HashSet<Guid> _reported = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Creates the cleaner; use <see cref="Props"/>.</summary>
    /// <param name="topicManager">The <see cref="TopicManagerActor"/>.</param>
    /// <param name="partitionRouter">The <see cref="EntityRouterActor"/> of the partition actors.</param>
    /// <param name="entityId">The router entity id of a partition of a topic.</param>
    /// <param name="persistenceId">The persistence id of the partition log behind an entity id.</param>
    /// <param name="retryInterval">Wait before retrying a failed deletion.</param>
    /// <param name="stopTimeout">How long a partition actor may take to stop.</param>
    public TopicLogCleanerActor(
        IActorRef topicManager,
        IActorRef partitionRouter,
        Func<TopicMetadata, int, string> entityId,
        Func<string, string> persistenceId,
        TimeSpan retryInterval,
        TimeSpan stopTimeout)
    {
        ArgumentNullException.ThrowIfNull(topicManager);
        ArgumentNullException.ThrowIfNull(partitionRouter);
        ArgumentNullException.ThrowIfNull(entityId);
        ArgumentNullException.ThrowIfNull(persistenceId);
        _topicManager = topicManager;
        _partitionRouter = partitionRouter;
        _entityId = entityId;
        _persistenceId = persistenceId;
        _retryInterval = retryInterval;
        _stopTimeout = stopTimeout;

        Receive<TopicsChanged>(changed => Reconcile(changed.Snapshot));
        Receive<TopicsSnapshot>(Reconcile);
        Receive<LogsDeleted>(OnLogsDeleted);
        Receive<LogsDeletionFailed>(OnLogsDeletionFailed);
        Receive<TopicProtocol.TopicDeletionCompleted>(completed => _reported.Remove(completed.TopicId));
        Receive<EntityRouterProtocol.EntityStopped>(_ => { });
        Receive<RetryTick>(_ => _topicManager.Tell(TopicProtocol.GetSnapshot.Instance, Self));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of a cleaner; see the constructor for the parameters.</summary>
    public static Props Props(
        IActorRef topicManager,
        IActorRef partitionRouter,
        Func<TopicMetadata, int, string> entityId,
        Func<string, string> persistenceId,
        TimeSpan? retryInterval = null,
        TimeSpan? stopTimeout = null) =>
        Actor.Props.Create(() => new TopicLogCleanerActor(
            topicManager, partitionRouter, entityId, persistenceId, retryInterval ?? TimeSpan.FromSeconds(10), stopTimeout ?? TimeSpan.FromSeconds(30)));

    /// <inheritdoc />
    protected override void PreStart()
    {
        // Subscribe first, then read the current state: nothing published in between is missed.
        Context.System.EventStream.Subscribe(Self, typeof(TopicsChanged));
        _topicManager.Tell(TopicProtocol.GetSnapshot.Instance, Self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        base.PostStop();
    }

    private void Reconcile(TopicsSnapshot snapshot)
    {
        foreach (var topic in snapshot.PendingDeletions)
        {
            if (_running.Contains(topic.TopicId) || _reported.Contains(topic.TopicId))
            {
                continue;
            }

            _running.Add(topic.TopicId);
            var partitions = new (string EntityId, string PersistenceId)[topic.PartitionCount];
            for (var i = 0; i < partitions.Length; i++)
            {
                var id = _entityId(topic, i);
                partitions[i] = (id, _persistenceId(id));
            }

            DeleteLogsAsync(Persistence.Persistence.Get(Context.System), _partitionRouter, partitions, _stopTimeout)
                .PipeTo(Self, Self, () => new LogsDeleted(topic, partitions), e => new LogsDeletionFailed(topic, e));
        }
    }

    private void OnLogsDeleted(LogsDeleted deleted)
    {
        var topicId = deleted.Topic.TopicId;
        _running.Remove(topicId);
        _reported.Add(topicId);
        foreach (var (entityId, _) in deleted.Partitions)
        {
            _partitionRouter.Tell(new EntityRouterProtocol.StopEntity(entityId), Self);
        }

        _log.Info("Deleted the partition logs of topic {0} ({1}, {2} partitions)", deleted.Topic.Name, topicId, deleted.Topic.PartitionCount);
        _topicManager.Tell(new TopicProtocol.CompleteTopicDeletion(topicId), Self);
    }

    private void OnLogsDeletionFailed(LogsDeletionFailed failed)
    {
        _running.Remove(failed.Topic.TopicId);
        _log.Warning(failed.Cause, "Deleting the partition logs of topic {0} ({1}) failed, retrying in {2}: {3}", failed.Topic.Name, failed.Topic.TopicId, _retryInterval, failed.Cause.Message);
        Timers.StartSingleTimer(RetryTimerKey, RetryTick.Instance, _retryInterval);
    }

    /// <summary>Stops every partition actor, then deletes its journal events and snapshots (off the actor).</summary>
    private static async Task DeleteLogsAsync(
        Persistence.Persistence persistence,
        IActorRef router,
        (string EntityId, string PersistenceId)[] partitions,
        TimeSpan stopTimeout)
    {
        var journal = await persistence.JournalFor(null).ConfigureAwait(false);
        var snapshots = await persistence.SnapshotStoreFor(null).ConfigureAwait(false);
        var pending = new Task[partitions.Length];
        for (var i = 0; i < partitions.Length; i++)
        {
            pending[i] = DeleteOneAsync(partitions[i].EntityId, partitions[i].PersistenceId);
        }

        await Task.WhenAll(pending).ConfigureAwait(false);

        async Task DeleteOneAsync(string entityId, string persistenceId)
        {
            await router.Ask<EntityRouterProtocol.EntityStopped>(new EntityRouterProtocol.StopEntity(entityId), stopTimeout).ConfigureAwait(false);
            await journal.DeleteMessagesToAsync(persistenceId, long.MaxValue).ConfigureAwait(false);
            await snapshots.DeleteAsync(persistenceId, SnapshotSelectionCriteria.Latest).ConfigureAwait(false);
        }
    }

    private sealed record LogsDeleted(TopicMetadata Topic, (string EntityId, string PersistenceId)[] Partitions);

    private sealed record LogsDeletionFailed(TopicMetadata Topic, Exception Cause);

    private sealed class RetryTick
    {
        public static readonly RetryTick Instance = new();
    }
}
