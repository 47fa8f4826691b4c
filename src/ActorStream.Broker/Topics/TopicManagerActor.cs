using ActorStream.Actor;
using ActorStream.Kafka.Protocol;
using ActorStream.Persistence;

namespace ActorStream.Broker.Topics;

/// <summary>
/// Owns the topic metadata of the cluster (Kafka's controller role for topics): names, topic ids,
/// partition counts, replication factors and topic configs, persisted under persistence id
/// <see cref="PersistenceIdValue"/>. Handles the <see cref="TopicProtocol"/> commands with Kafka's
/// validation and error codes; each change is persisted (commands are stashed meanwhile, so every
/// validation sees the state after the previous change), then published as <see cref="TopicsChanged"/>
/// on the event stream and into the optional <see cref="TopicsView"/>, then answered.
/// Runs as an actor: not thread-safe, single owner.
/// </summary>
public sealed partial class TopicManagerActor : ReceivePersistentActor
{
    /// <summary>Events between snapshots unless the constructor says otherwise.</summary>
    public const int DefaultSnapshotEvery = 1000;

    /// <summary>The persistence id of the topic manager.</summary>
    public const string PersistenceIdValue = "topics";

    private readonly BrokerSettings _settings;
    private readonly TopicConfigDefinitions _definitions;
    private readonly TopicsView? _view;
    private readonly int _availableBrokers;
    private readonly TimeProvider _time;
    private readonly int _snapshotEvery;
    private readonly Dictionary<string, TopicMetadata> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, string> _names = [];
    private readonly Dictionary<Guid, TopicMetadata> _pendingDeletions = [];
    private TopicsSnapshot _snapshot = TopicsSnapshot.Empty;
    private long _version;

    /// <summary>Creates the manager.</summary>
    /// <param name="settings">Broker settings (defaults of topic configs, num.partitions …).</param>
    /// <param name="view">Receives every new snapshot; null for none.</param>
    /// <param name="availableBrokers">Brokers that can host replicas (replication factors above it are refused).</param>
    /// <param name="timeProvider">Clock for creation times; null for the system clock.</param>
    /// <param name="snapshotEvery">Save a <see cref="TopicManagerSnapshot"/> after this many events (bounds recovery time).</param>
    public TopicManagerActor(BrokerSettings settings, TopicsView? view = null, int availableBrokers = 1, TimeProvider? timeProvider = null, int snapshotEvery = DefaultSnapshotEvery)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        _snapshotEvery = snapshotEvery;
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(availableBrokers, 1);
        _settings = settings;
        _definitions = new TopicConfigDefinitions(settings);
        _view = view;
        _availableBrokers = availableBrokers;
        _time = timeProvider ?? TimeProvider.System;
        TopicEventSerializer.Register(Persistence.Serialization);

        Recover<SnapshotOffer>(offer => LoadSnapshot((TopicManagerSnapshot)offer.Snapshot));
        Recover<ITopicEvent>(Apply);
        Recover<RecoveryCompleted>(_ => Publish(TopicChangeKind.Recovered, null));
        Command<TopicProtocol.CreateTopic>(HandleCreateTopic);
        Command<TopicProtocol.DeleteTopic>(HandleDeleteTopic);
        Command<TopicProtocol.CreatePartitions>(HandleCreatePartitions);
        Command<TopicProtocol.AlterConfigs>(HandleAlterConfigs);
        Command<TopicProtocol.IncrementalAlterConfigs>(HandleIncrementalAlterConfigs);
        Command<TopicProtocol.DescribeConfigs>(HandleDescribeConfigs);
        Command<TopicProtocol.GetTopics>(HandleGetTopics);
        Command<TopicProtocol.EnsureTopic>(HandleEnsureTopic);
        Command<TopicProtocol.CompleteTopicDeletion>(HandleCompleteTopicDeletion);
        Command<TopicProtocol.GetSnapshot>(_ => Sender.Tell(_snapshot));
        Command<SaveSnapshotSuccess>(success => DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1, DateTime.MaxValue)));
        Command<SaveSnapshotFailure>(failure => Log.Warning(failure.Cause, "Saving the topic metadata snapshot at {0} failed; recovery replays more events", failure.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => Log.Warning(failure.Cause, "Deleting old topic metadata snapshots failed"));
    }

    /// <inheritdoc />
    public override string PersistenceId => PersistenceIdValue;

    /// <summary>The config catalog in force.</summary>
    public TopicConfigDefinitions Definitions => _definitions;

    /// <summary>Props of a topic manager; see the constructor for the parameters.</summary>
    public static Props Props(BrokerSettings settings, TopicsView? view = null, int availableBrokers = 1, TimeProvider? timeProvider = null, int snapshotEvery = DefaultSnapshotEvery) =>
        Actor.Props.Create(() => new TopicManagerActor(settings, view, availableBrokers, timeProvider, snapshotEvery));

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Apply(ITopicEvent topicEvent)
    {
        _version++;
        switch (topicEvent)
        {
            case TopicEvents.TopicCreated created:
                var topic = new TopicMetadata(
                    created.Name,
                    created.TopicId,
                    created.PartitionCount,
                    created.ReplicationFactor,
                    created.Configs,
                    Effective(created.Configs),
                    created.TimestampMs);
                _topics[created.Name] = topic;
                _names[created.TopicId] = created.Name;
                break;
            case TopicEvents.TopicDeleted deleted:
                if (_topics.Remove(deleted.Name, out var gone))
                {
                    _pendingDeletions[deleted.TopicId] = gone;
                }

                _names.Remove(deleted.TopicId);
                break;
            case TopicEvents.TopicLogsDeleted logsDeleted:
                _pendingDeletions.Remove(logsDeleted.TopicId);
                break;
            case TopicEvents.PartitionsCreated partitions:
                _topics[partitions.Name] = _topics[partitions.Name] with { PartitionCount = partitions.PartitionCount };
                break;
            case TopicEvents.TopicConfigsChanged configs:
                _topics[configs.Name] = _topics[configs.Name] with { Configs = configs.Configs, EffectiveConfigs = Effective(configs.Configs) };
                break;
            default:
                throw new InvalidOperationException($"Unknown topic event {topicEvent.GetType().Name}");
        }

        _snapshot = new TopicsSnapshot(_version, _topics.Values, _pendingDeletions.Values);
    }

    private void PersistAndPublish(ITopicEvent topicEvent, TopicChangeKind kind, string name, Func<object> reply)
    {
        var replyTo = Sender;
        TopicMetadata? before = _topics.GetValueOrDefault(name);
        Persist(topicEvent, e =>
        {
            Apply(e);
            Publish(kind, _topics.GetValueOrDefault(name) ?? before);
            replyTo.Tell(reply(), Self);
            if (LastSequenceNr % _snapshotEvery == 0)
            {
                SaveSnapshot(TakeSnapshot());
            }
        });
    }

    private TopicManagerSnapshot TakeSnapshot()
    {
        return new TopicManagerSnapshot(_version, AsCreated(_topics.Values), AsCreated(_pendingDeletions.Values));

        static List<TopicEvents.TopicCreated> AsCreated(IReadOnlyCollection<TopicMetadata> source)
        {
            var topics = new List<TopicEvents.TopicCreated>(source.Count);
            foreach (var topic in source)
            {
                topics.Add(new TopicEvents.TopicCreated(topic.Name, topic.TopicId, topic.PartitionCount, topic.ReplicationFactor, topic.Configs, topic.CreatedAtMs));
            }

            return topics;
        }
    }

    private void LoadSnapshot(TopicManagerSnapshot snapshot)
    {
        _topics.Clear();
        _names.Clear();
        _pendingDeletions.Clear();
        foreach (var created in snapshot.Topics)
        {
            Apply(created);
        }

        foreach (var pending in snapshot.PendingDeletions ?? [])
        {
            _pendingDeletions[pending.TopicId] = new TopicMetadata(
                pending.Name, pending.TopicId, pending.PartitionCount, pending.ReplicationFactor, pending.Configs, Effective(pending.Configs), pending.TimestampMs);
        }

        _version = snapshot.Version;
        _snapshot = new TopicsSnapshot(_version, _topics.Values, _pendingDeletions.Values);
    }

    private void Publish(TopicChangeKind kind, TopicMetadata? topic)
    {
        _view?.Update(_snapshot);
        Context.System.EventStream.Publish(new TopicsChanged(_snapshot, kind, topic));
    }

    private Dictionary<string, string> Effective(IReadOnlyDictionary<string, string> configs)
    {
        var effective = new Dictionary<string, string>(_definitions.All.Count, StringComparer.Ordinal);
        foreach (var definition in _definitions.All)
        {
            effective[definition.Name] = configs.TryGetValue(definition.Name, out var value) ? value : definition.Default;
        }

        return effective;
    }

    private bool TryFind(string name, out TopicMetadata topic, out ErrorCode error, out string? message)
    {
        if (!TopicNames.TryValidate(name, out message))
        {
            topic = null!;
            error = ErrorCode.InvalidTopicException;
            return false;
        }

        if (!_topics.TryGetValue(name, out topic!))
        {
            error = ErrorCode.UnknownTopicOrPartition;
            message = $"Topic '{name}' does not exist";
            return false;
        }

        error = ErrorCode.None;
        return true;
    }

    /// <summary>Validates a full config set (CreateTopics, AlterConfigs); null values are INVALID_REQUEST.</summary>
    private bool TryValidateConfigs(
        IReadOnlyDictionary<string, string?>? configs,
        out Dictionary<string, string> normalized,
        out ErrorCode error,
        out string? message)
    {
        normalized = new Dictionary<string, string>(StringComparer.Ordinal);
        if (configs is not null)
        {
            foreach (var (key, value) in configs)
            {
                if (value is null)
                {
                    error = ErrorCode.InvalidRequest;
                    message = $"Null value not supported for topic configs: {key}";
                    return false;
                }

                if (!_definitions.TryValidate(key, value, out var clean, out message))
                {
                    error = ErrorCode.InvalidConfig;
                    return false;
                }

                normalized[key] = clean;
            }
        }

        error = ErrorCode.None;
        message = null;
        return true;
    }
}
