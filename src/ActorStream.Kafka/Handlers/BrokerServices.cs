using System.Collections.Concurrent;
using ActorStream.Actor;
using ActorStream.Broker.Groups;
using ActorStream.Broker.Partitions;
using ActorStream.Broker.Producers;
using ActorStream.Broker.Routing;
using ActorStream.Broker.Topics;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// What the Kafka API handlers of one node share: the topic manager with its <see cref="TopicsView"/>,
/// the router of the partition leaders (entity ids from <see cref="PartitionEntityIds"/>), the router of
/// the group coordinators (entity ids from <see cref="GroupEntityIds"/>) with the node's
/// <see cref="GroupRegistryActor"/>, this node's id and the address clients are told to use. Thread-safe.
/// </summary>
public sealed class BrokerServices
{
    /// <summary>How long an idle group coordinator without members stays in memory unless Start says otherwise.</summary>
    public static readonly TimeSpan DefaultGroupIdleTimeout = TimeSpan.FromMinutes(2);

    // Group ids this process has seen registered: spares the registry an ask per commit. An entry may
    // outlive its group (the retention sweep deletes groups); the coordinator then registers the group
    // again itself when it is recreated.
    private readonly ConcurrentDictionary<string, byte> _registeredGroups = new(StringComparer.Ordinal);
    private BrokerEndpoint _endpoint;

    private BrokerServices(
        BrokerSettings settings,
        int nodeId,
        string clusterId,
        TopicsView topics,
        IActorRef topicManager,
        LocalEntityRouter partitions,
        LocalEntityRouter groups,
        IActorRef groupRegistry,
        TimeSpan askTimeout,
        PartitionConfig? partitionDefaults)
    {
        Settings = settings;
        NodeId = nodeId;
        ClusterId = clusterId;
        Topics = topics;
        TopicManager = topicManager;
        Partitions = partitions;
        Groups = groups;
        GroupRegistry = groupRegistry;
        AskTimeout = askTimeout;
        PartitionDefaults = partitionDefaults;
        _endpoint = new BrokerEndpoint("127.0.0.1", 9092);
    }

    /// <summary>The broker settings.</summary>
    public BrokerSettings Settings { get; }

    /// <summary>This node's broker id.</summary>
    public int NodeId { get; }

    /// <summary>The cluster id reported by Metadata.</summary>
    public string ClusterId { get; }

    /// <summary>The latest topic metadata.</summary>
    public TopicsView Topics { get; }

    /// <summary>The <see cref="TopicManagerActor"/>.</summary>
    public IActorRef TopicManager { get; }

    /// <summary>Routes partition commands to their <see cref="PartitionActor"/> by entity id.</summary>
    public LocalEntityRouter Partitions { get; }

    /// <summary>Routes group commands to their <see cref="GroupCoordinatorActor"/> by entity id (<see cref="GroupEntityIds"/>).</summary>
    public LocalEntityRouter Groups { get; }

    /// <summary>The <see cref="GroupRegistryActor"/>: every group id this node coordinates.</summary>
    public IActorRef GroupRegistry { get; }

    /// <summary>How long handlers wait for an actor's answer (beyond any wait the request itself asks for).</summary>
    public TimeSpan AskTimeout { get; }

    /// <summary>Partition settings not derived from topic configs (tail cache, snapshots); null for defaults.</summary>
    public PartitionConfig? PartitionDefaults { get; }

    /// <summary>The <see cref="ProducerIdManagerActor"/> (InitProducerId).</summary>
    public IActorRef ProducerIds { get; private init; } = ActorRefs.Nobody;

    /// <summary>The address clients are told to connect to.</summary>
    public BrokerEndpoint Endpoint => Volatile.Read(ref _endpoint);

    /// <summary>
    /// Starts the topic manager (actor <c>topics</c>), the partition router (actor <c>partitions</c>), the group
    /// registry (actor <c>group-registry</c>) and the group router (actor <c>groups</c>) under
    /// <paramref name="factory"/>, with the producer-id manager (<c>producer-ids</c>) and the cleaner that deletes
    /// the logs of deleted topics (<c>topic-log-cleaner</c>). Group coordinators take their settings from
    /// <see cref="BrokerSettings.Group"/> and passivate after <paramref name="groupIdleTimeout"/> (default
    /// <see cref="DefaultGroupIdleTimeout"/>) without messages while their group has no members.
    /// </summary>
    public static BrokerServices Start(
        IActorRefFactory factory,
        BrokerSettings settings,
        int nodeId,
        string clusterId = "actorstream-cluster",
        TimeSpan? askTimeout = null,
        PartitionConfig? partitionDefaults = null,
        TimeSpan? groupIdleTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        var view = new TopicsView();
        var manager = factory.ActorOf(TopicManagerActor.Props(settings, view), "topics");
        var partitions = LocalEntityRouter.Start(factory, "partitions", entityId =>
        {
            if (!PartitionEntityIds.TryParse(entityId, out var topic, out var partition, out var topicId))
            {
                throw new ArgumentException($"'{entityId}' is not a partition entity id", nameof(entityId));
            }

            view.Current.TryGet(topicId, out var metadata);
            return PartitionActor.Props(topic, partition, PartitionConfigs.FromTopic(metadata, partitionDefaults), PartitionEntityIds.PersistenceId(entityId));
        });
        var registry = factory.ActorOf(GroupRegistryActor.Props(), "group-registry");
        var groupConfig = settings.Group;
        var idle = groupIdleTimeout ?? DefaultGroupIdleTimeout;
        var groups = LocalEntityRouter.Start(factory, "groups", entityId => GroupEntityIds.TryParse(entityId, out var groupId)
            ? GroupCoordinatorActor.Props(groupId, groupConfig, idle, registry)
            : throw new ArgumentException($"'{entityId}' is not a group entity id", nameof(entityId)));
        factory.ActorOf(TopicLogCleanerActor.Props(manager, partitions.Router, PartitionEntityIds.For, PartitionEntityIds.PersistenceId), "topic-log-cleaner");
        var producerIds = factory.ActorOf(ProducerIdManagerActor.Props(), "producer-ids");
        return new BrokerServices(settings, nodeId, clusterId, view, manager, partitions, groups, registry, askTimeout ?? TimeSpan.FromSeconds(30), partitionDefaults)
        {
            ProducerIds = producerIds,
        };
    }

    /// <summary>Sets the advertised address (known once the listener is bound).</summary>
    public void Advertise(string host, int port)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        Volatile.Write(ref _endpoint, new BrokerEndpoint(host, port));
    }

    /// <summary>The current topic snapshot, asking the manager when the view is still empty (before recovery).</summary>
    public async ValueTask<TopicsSnapshot> GetTopicsAsync(CancellationToken cancellationToken)
    {
        var current = Topics.Current;
        if (current.Version > 0)
        {
            return current;
        }

        return await TopicManager.Ask<TopicsSnapshot>(TopicProtocol.GetSnapshot.Instance, AskTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The topic named <paramref name="name"/>: from the view when known, else through EnsureTopic when
    /// <paramref name="autoCreate"/> (the manager applies auto.create.topics.enable), else
    /// UNKNOWN_TOPIC_OR_PARTITION; INVALID_TOPIC_EXCEPTION for a bad name.
    /// </summary>
    public async ValueTask<TopicProtocol.EnsureTopicResult> ResolveTopicAsync(string name, bool autoCreate, CancellationToken cancellationToken)
    {
        if (Topics.Current.TryGet(name, out var known))
        {
            return new TopicProtocol.EnsureTopicResult(name, Protocol.ErrorCode.None, null, known, false);
        }

        if (!TopicNames.TryValidate(name, out var invalid))
        {
            return new TopicProtocol.EnsureTopicResult(name, Protocol.ErrorCode.InvalidTopicException, invalid, null, false);
        }

        if (autoCreate)
        {
            return await AskTopicsAsync<TopicProtocol.EnsureTopicResult>(new TopicProtocol.EnsureTopic(name), cancellationToken).ConfigureAwait(false);
        }

        var snapshot = await GetTopicsAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.TryGet(name, out known)
            ? new TopicProtocol.EnsureTopicResult(name, Protocol.ErrorCode.None, null, known, false)
            : new TopicProtocol.EnsureTopicResult(name, Protocol.ErrorCode.UnknownTopicOrPartition, $"Topic '{name}' does not exist", null, false);
    }

    /// <summary>Asks the topic manager.</summary>
    public Task<T> AskTopicsAsync<T>(ITopicCommand command, CancellationToken cancellationToken) =>
        TopicManager.Ask<T>(command, AskTimeout, cancellationToken);

    /// <summary>Asks the leader of partition <paramref name="partition"/> of <paramref name="topic"/>; <paramref name="extra"/> extends the timeout by a wait the command itself asks for.</summary>
    public Task<T> AskPartitionAsync<T>(TopicMetadata topic, int partition, IPartitionCommand command, TimeSpan? extra, CancellationToken cancellationToken) =>
        Partitions.Ask<T>(PartitionEntityIds.For(topic, partition), command, extra is { } wait ? AskTimeout + wait : AskTimeout, cancellationToken);

    /// <summary>
    /// Asks the coordinator of group <paramref name="groupId"/>; <paramref name="extra"/> extends the timeout by a
    /// wait the command itself asks for (a JoinGroup parked until the rebalance ends).
    /// </summary>
    public Task<T> AskGroupAsync<T>(string groupId, IGroupCommand command, TimeSpan? extra, CancellationToken cancellationToken) =>
        Groups.Ask<T>(GroupEntityIds.For(groupId), command, extra is { } wait ? AskTimeout + wait : AskTimeout, cancellationToken);

    /// <summary>
    /// Makes sure <paramref name="groupId"/> is in the <see cref="GroupRegistry"/> before a request that may
    /// create the group reaches its coordinator; completes at once for a group already registered.
    /// </summary>
    public ValueTask RegisterGroupAsync(string groupId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        return _registeredGroups.ContainsKey(groupId) ? ValueTask.CompletedTask : RegisterSlowAsync(groupId, cancellationToken);
    }

    /// <summary>Drops <paramref name="groupId"/> from the registered-ids cache once the group is deleted.</summary>
    public void ForgetRegisteredGroup(string groupId) => _registeredGroups.TryRemove(groupId, out _);

    /// <summary>Every group id in the <see cref="GroupRegistry"/>, in ordinal order.</summary>
    public async Task<IReadOnlyList<string>> GetGroupIdsAsync(CancellationToken cancellationToken)
    {
        var ids = await GroupRegistry.Ask<GroupRegistryProtocol.GroupIds>(GroupRegistryProtocol.GetGroupIds.Instance, AskTimeout, cancellationToken).ConfigureAwait(false);
        return ids.Ids;
    }

    private async ValueTask RegisterSlowAsync(string groupId, CancellationToken cancellationToken)
    {
        await GroupRegistry.Ask<GroupRegistryProtocol.Registered>(new GroupRegistryProtocol.Register(groupId), AskTimeout, cancellationToken).ConfigureAwait(false);
        _registeredGroups.TryAdd(groupId, 0);
    }
}
