using ActorStream.Actor;
using ActorStream.Broker.Routing;
using ActorStream.Persistence;

namespace ActorStream.Broker.Groups;

/// <summary>
/// The coordinator of one consumer group: a persistent actor (persistence id "group-" + group id) that
/// drives a <see cref="GroupCoordinatorState"/> exactly as its owner contract says. Each
/// <see cref="IGroupCommand"/> gets an internal request id (callers' ids are only echoed back, so any
/// caller may use any id) and the sender is kept under it; the result's events are persisted with
/// PersistAll (commands are stashed meanwhile) and the replies are sent once the last event is stored,
/// or at once when there are none. Timer requests become single timers keyed by the request's key that
/// send <see cref="GroupProtocol.Tick"/>; <see cref="GroupProtocol.ExpireOffsets"/> runs every
/// offsets.retention.check.interval.ms. Recovery applies every journaled <see cref="IGroupEvent"/> and
/// then calls <see cref="GroupCoordinatorState.OnRecoveryCompleted"/>. Time is the actor system
/// scheduler's clock, so virtual-time schedulers drive session expiry in tests. With an idle timeout the
/// actor asks its <see cref="EntityRouterActor"/> to passivate it once it has been idle that long while
/// the group has no members and no request is waiting (its state stays in the journal). With a
/// <see cref="GroupRegistryActor"/> the actor reports each GroupCreated and GroupDeleted it persists (as
/// <see cref="GroupRegistryProtocol.Register"/> and <see cref="GroupRegistryProtocol.Unregister"/>) and
/// registers a group that exists after recovery, so the node's group list follows the journal.
/// Runs as an actor: not thread-safe, single owner.
/// </summary>
public sealed class GroupCoordinatorActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>The prefix of every group's persistence id.</summary>
    public const string PersistenceIdPrefix = "group-";

    private const string ExpireOffsetsTimerKey = "expire-offsets";

    private readonly GroupCoordinatorState _state;
    private readonly IActorRef? _registry;
    private readonly Dictionary<long, (IActorRef ReplyTo, long CallerRequestId)> _pending = [];
    private long _nextRequestId;

    /// <summary>Creates the coordinator of <paramref name="groupId"/>.</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="config">Settings; null for Kafka's defaults.</param>
    /// <param name="passivateIdleAfter">Passivate after this long without messages when the group has no members; null never.</param>
    /// <param name="registry">The node's <see cref="GroupRegistryActor"/> to report creation and deletion to; null for none.</param>
    public GroupCoordinatorActor(string groupId, GroupCoordinatorConfig? config = null, TimeSpan? passivateIdleAfter = null, IActorRef? registry = null)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        _state = new GroupCoordinatorState(groupId, config);
        _registry = registry;
        PersistenceId = PersistenceIdPrefix + groupId;
        GroupCoordinatorActorEventSerializer.Register(Persistence.Serialization);

        Recover<IGroupEvent>(_state.Apply);
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Command<IGroupCommand>(HandleCommand);
        Command<GroupCoordinatorActorProtocol.GetGroupSummary>(_ => Sender.Tell(Summary()));
        Command<ReceiveTimeout>(_ => PassivateIfIdle());
        Command<GroupCoordinatorActorProtocol.Stop>(_ => Context.Stop(Self));
        Command<GroupRegistryProtocol.Registered>(_ => { });
        if (passivateIdleAfter is { } idle)
        {
            SetReceiveTimeout(idle);
        }
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of the coordinator of <paramref name="groupId"/>.</summary>
    public static Props Props(string groupId, GroupCoordinatorConfig? config = null, TimeSpan? passivateIdleAfter = null, IActorRef? registry = null) =>
        Actor.Props.Create(() => new GroupCoordinatorActor(groupId, config, passivateIdleAfter, registry));

    /// <summary>A props factory for an <see cref="EntityRouterActor"/> keyed by group id.</summary>
    public static Func<string, Props> EntityProps(GroupCoordinatorConfig? config = null, TimeSpan? passivateIdleAfter = null, IActorRef? registry = null) =>
        groupId => Props(groupId, config, passivateIdleAfter, registry);

    private static long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    private void OnRecovered()
    {
        if (_state.State != GroupState.Dead)
        {
            _registry?.Tell(new GroupRegistryProtocol.Register(_state.GroupId), Self);
        }

        StartTimers(_state.OnRecoveryCompleted(NowMs));
        var interval = TimeSpan.FromMilliseconds(_state.Config.OffsetsRetentionCheckIntervalMs);
        Timers.StartPeriodicTimer(ExpireOffsetsTimerKey, GroupProtocol.ExpireOffsets.Instance, interval);
    }

    private void HandleCommand(IGroupCommand command)
    {
        if (command is not (GroupProtocol.Tick or GroupProtocol.ExpireOffsets))
        {
            var requestId = ++_nextRequestId;
            _pending[requestId] = (Sender, CallerRequestId(command));
            command = WithRequestId(command, requestId);
        }

        var result = _state.Handle(command, NowMs);
        StartTimers(result);
        var replies = result.Replies;
        var events = result.Events;
        if (events.Count == 0)
        {
            SendReplies(replies);
            return;
        }

        var remaining = events.Count;
        PersistAll(events, persisted =>
        {
            ReportToRegistry(persisted);
            if (--remaining == 0)
            {
                SendReplies(replies);
            }
        });
    }

    private void ReportToRegistry(IGroupEvent persisted)
    {
        if (_registry is null)
        {
            return;
        }

        if (persisted is GroupEvents.GroupCreated)
        {
            _registry.Tell(new GroupRegistryProtocol.Register(_state.GroupId), Self);
        }
        else if (persisted is GroupEvents.GroupDeleted)
        {
            _registry.Tell(new GroupRegistryProtocol.Unregister(_state.GroupId), Self);
        }
    }

    private void PassivateIfIdle()
    {
        if (_state.Members.Count == 0 && _pending.Count == 0 && _state.State is GroupState.Empty or GroupState.Dead)
        {
            Context.Parent.Tell(new EntityRouterProtocol.Passivate(GroupCoordinatorActorProtocol.Stop.Instance), Self);
        }
    }

    private void StartTimers(GroupCoordinatorResult result)
    {
        if (result.Timers.Count == 0)
        {
            return;
        }

        var now = NowMs;
        foreach (var timer in result.Timers)
        {
            var delay = TimeSpan.FromMilliseconds(Math.Max(0, timer.DueAtMs - now));
            Timers.StartSingleTimer(timer.Key, GroupProtocol.Tick.Instance, delay);
        }
    }

    private void SendReplies(IReadOnlyList<IGroupReply> replies)
    {
        foreach (var reply in replies)
        {
            if (_pending.Remove(reply.RequestId, out var target))
            {
                target.ReplyTo.Tell(WithRequestId(reply, target.CallerRequestId), Self);
            }
        }
    }

    private GroupCoordinatorActorProtocol.GroupSummary Summary()
    {
        var members = new List<string>(_state.Members.Count);
        foreach (var member in _state.Members)
        {
            members.Add(member.MemberId);
        }

        return new GroupCoordinatorActorProtocol.GroupSummary(
            _state.GroupId,
            _state.State,
            _state.GenerationId,
            _state.ProtocolName,
            _state.LeaderId,
            members,
            new Dictionary<TopicPartition, CommittedOffset>(_state.Offsets));
    }

    private static long CallerRequestId(IGroupCommand command) => command switch
    {
        GroupProtocol.JoinGroup c => c.RequestId,
        GroupProtocol.SyncGroup c => c.RequestId,
        GroupProtocol.Heartbeat c => c.RequestId,
        GroupProtocol.LeaveGroup c => c.RequestId,
        GroupProtocol.OffsetCommit c => c.RequestId,
        GroupProtocol.OffsetFetch c => c.RequestId,
        GroupProtocol.DescribeGroup c => c.RequestId,
        GroupProtocol.ListGroup c => c.RequestId,
        GroupProtocol.DeleteGroup c => c.RequestId,
        _ => throw new ArgumentException($"Unknown group command {command.GetType().Name}", nameof(command)),
    };

    private static IGroupCommand WithRequestId(IGroupCommand command, long requestId) => command switch
    {
        GroupProtocol.JoinGroup c => c with { RequestId = requestId },
        GroupProtocol.SyncGroup c => c with { RequestId = requestId },
        GroupProtocol.Heartbeat c => c with { RequestId = requestId },
        GroupProtocol.LeaveGroup c => c with { RequestId = requestId },
        GroupProtocol.OffsetCommit c => c with { RequestId = requestId },
        GroupProtocol.OffsetFetch c => c with { RequestId = requestId },
        GroupProtocol.DescribeGroup c => c with { RequestId = requestId },
        GroupProtocol.ListGroup c => c with { RequestId = requestId },
        GroupProtocol.DeleteGroup c => c with { RequestId = requestId },
        _ => throw new ArgumentException($"Unknown group command {command.GetType().Name}", nameof(command)),
    };

    private static IGroupReply WithRequestId(IGroupReply reply, long requestId) => reply switch
    {
        GroupProtocol.JoinGroupReply r => r with { RequestId = requestId },
        GroupProtocol.SyncGroupReply r => r with { RequestId = requestId },
        GroupProtocol.HeartbeatReply r => r with { RequestId = requestId },
        GroupProtocol.LeaveGroupReply r => r with { RequestId = requestId },
        GroupProtocol.OffsetCommitReply r => r with { RequestId = requestId },
        GroupProtocol.OffsetFetchReply r => r with { RequestId = requestId },
        GroupProtocol.DescribeGroupReply r => r with { RequestId = requestId },
        GroupProtocol.ListGroupReply r => r with { RequestId = requestId },
        GroupProtocol.DeleteGroupReply r => r with { RequestId = requestId },
        _ => reply,
    };
}
