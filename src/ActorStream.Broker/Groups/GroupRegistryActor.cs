using ActorStream.Actor;
using ActorStream.Persistence;

namespace ActorStream.Broker.Groups;

/// <summary>
/// The durable set of the group ids this node coordinates (persistence id <see cref="PersistenceIdValue"/>),
/// so that ListGroups finds every group, including those whose <see cref="GroupCoordinatorActor"/> is
/// passivated or has not been started since the node restarted: a group's state lives only in its own
/// journal, which nothing reads until the group is addressed. Request handlers register a group before
/// the first request that may create it (JoinGroup, OffsetCommit) and wait for the registration to be
/// durable; coordinators also report every GroupCreated and GroupDeleted they persist (and a live group
/// after recovery), in the order they happen, which keeps the set right when a group is deleted and
/// created again concurrently. The set may hold ids of groups that no longer exist (a node stopped
/// between a coordinator's GroupDeleted and the registry's event): their coordinators answer ListGroup
/// with nothing. A snapshot is saved every <c>snapshotEvery</c> events.
/// Runs as an actor: not thread-safe, single owner.
/// </summary>
public sealed class GroupRegistryActor : ReceivePersistentActor
{
    /// <summary>The registry's persistence id; no group's persistence id ("group-" + id) can equal it.</summary>
    public const string PersistenceIdValue = "groups";

    /// <summary>Events between snapshots unless the constructor says otherwise.</summary>
    public const int DefaultSnapshotEvery = 1000;

    private readonly SortedSet<string> _groupIds = new(StringComparer.Ordinal);
    private readonly int _snapshotEvery;

    /// <summary>Creates the registry.</summary>
    /// <param name="snapshotEvery">Save a <see cref="GroupRegistrySnapshot"/> after this many events.</param>
    public GroupRegistryActor(int snapshotEvery = DefaultSnapshotEvery)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapshotEvery, 1);
        _snapshotEvery = snapshotEvery;
        GroupRegistryEventSerializer.Register(Persistence.Serialization);

        Recover<SnapshotOffer>(offer => LoadSnapshot((GroupRegistrySnapshot)offer.Snapshot));
        Recover<IGroupRegistryEvent>(Apply);
        Command<GroupRegistryProtocol.Register>(HandleRegister);
        Command<GroupRegistryProtocol.Unregister>(HandleUnregister);
        Command<GroupRegistryProtocol.GetGroupIds>(_ => Sender.Tell(new GroupRegistryProtocol.GroupIds([.. _groupIds])));
        Command<SaveSnapshotSuccess>(success => DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1, DateTime.MaxValue)));
        Command<SaveSnapshotFailure>(failure => Log.Warning(failure.Cause, "Saving the group registry snapshot at {0} failed; recovery replays more events", failure.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => Log.Warning(failure.Cause, "Deleting old group registry snapshots failed"));
    }

    /// <inheritdoc />
    public override string PersistenceId => PersistenceIdValue;

    /// <summary>Props of the registry.</summary>
    public static Props Props(int snapshotEvery = DefaultSnapshotEvery) =>
        Actor.Props.Create(() => new GroupRegistryActor(snapshotEvery));

    private void HandleRegister(GroupRegistryProtocol.Register register)
    {
        var replyTo = Sender;
        if (_groupIds.Contains(register.GroupId))
        {
            replyTo.Tell(new GroupRegistryProtocol.Registered(register.GroupId), Self);
            return;
        }

        Persist(new GroupRegistryEvents.GroupRegistered(register.GroupId), e =>
        {
            Apply(e);
            replyTo.Tell(new GroupRegistryProtocol.Registered(e.GroupId), Self);
            SnapshotIfNeeded();
        });
    }

    private void HandleUnregister(GroupRegistryProtocol.Unregister unregister)
    {
        if (!_groupIds.Contains(unregister.GroupId))
        {
            return;
        }

        Persist(new GroupRegistryEvents.GroupUnregistered(unregister.GroupId), e =>
        {
            Apply(e);
            SnapshotIfNeeded();
        });
    }

    private void Apply(IGroupRegistryEvent registryEvent)
    {
        switch (registryEvent)
        {
            case GroupRegistryEvents.GroupRegistered registered:
                _groupIds.Add(registered.GroupId);
                break;
            case GroupRegistryEvents.GroupUnregistered unregistered:
                _groupIds.Remove(unregistered.GroupId);
                break;
            default:
                throw new InvalidOperationException($"Unknown group registry event {registryEvent.GetType().Name}");
        }
    }

    private void SnapshotIfNeeded()
    {
        if (LastSequenceNr % _snapshotEvery == 0)
        {
            SaveSnapshot(new GroupRegistrySnapshot([.. _groupIds]));
        }
    }

    private void LoadSnapshot(GroupRegistrySnapshot snapshot)
    {
        _groupIds.Clear();
        foreach (var groupId in snapshot.GroupIds)
        {
            _groupIds.Add(groupId);
        }
    }
}
