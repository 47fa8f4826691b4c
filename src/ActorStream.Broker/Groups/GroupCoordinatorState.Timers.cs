using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Groups;

/// <summary>Deadlines (Kafka's timer operations) and recovery.</summary>
public sealed partial class GroupCoordinatorState
{
    private enum DueKind
    {
        None,
        PendingMember,
        MemberSession,
        Sync,
        Join,
    }

    /// <summary>
    /// Fires every deadline that is due at <paramref name="nowMs"/>, earliest first (ties: pending members,
    /// members in join order, sync, join), as Kafka's timer would have fired them one by one.
    /// </summary>
    private void HandleTick(long nowMs)
    {
        // Every step removes or moves past-due work, so the loop ends; the bound is a guard against bugs.
        int guard = 4 * (_members.Count + _pendingMembers.Count) + 16;
        while (guard-- > 0)
        {
            var kind = NextDue(nowMs, out string? id);
            switch (kind)
            {
                case DueKind.None:
                    return;
                case DueKind.PendingMember:
                    // A member id handed out with MEMBER_ID_REQUIRED was never used.
                    _pendingMembers.Remove(id!);
                    if (_state == GroupState.PreparingRebalance && HasAllMembersJoined())
                    {
                        CompleteJoinPhase(nowMs);
                    }

                    break;
                case DueKind.MemberSession:
                    OnSessionTimer(_members[id!], nowMs);
                    break;
                case DueKind.Sync:
                    OnSyncDeadline(nowMs);
                    break;
                case DueKind.Join:
                    if (_joinInInitialDelay)
                    {
                        OnInitialDelayExpired(nowMs);
                    }
                    else
                    {
                        CompleteJoinPhase(nowMs);
                    }

                    break;
            }
        }
    }

    private DueKind NextDue(long nowMs, out string? id)
    {
        var kind = DueKind.None;
        long best = long.MaxValue;
        id = null;
        foreach (var (memberId, deadline) in _pendingMembers)
        {
            if (deadline <= nowMs && deadline < best)
            {
                best = deadline;
                kind = DueKind.PendingMember;
                id = memberId;
            }
        }

        foreach (var member in _members.Values)
        {
            if (member.SessionTimerDueMs <= nowMs && member.SessionTimerDueMs < best)
            {
                best = member.SessionTimerDueMs;
                kind = DueKind.MemberSession;
                id = member.MemberId;
            }
        }

        if (_syncDeadlineMs <= nowMs && _syncDeadlineMs < best)
        {
            best = _syncDeadlineMs;
            kind = DueKind.Sync;
            id = null;
        }

        if (_joinDeadlineMs <= nowMs && _joinDeadlineMs < best)
        {
            kind = DueKind.Join;
            id = null;
        }

        return kind;
    }

    /// <summary>
    /// The member's session timer fired. Heartbeats only move the deadline, so the timer may be stale: then
    /// it is re-armed at the real deadline. A member parked in JoinGroup or SyncGroup is not expired (its
    /// deadline is renewed when the rebalance answers it), except a new member.
    /// </summary>
    private void OnSessionTimer(GroupMember member, long nowMs)
    {
        member.SessionTimerDueMs = NoDeadline;
        if (member.HeartbeatDeadlineMs > nowMs)
        {
            member.SessionTimerDueMs = member.HeartbeatDeadlineMs;
            RequestTimer(SessionTimerPrefix + member.MemberId, member.HeartbeatDeadlineMs);
            return;
        }

        if (!member.HasSatisfiedHeartbeat)
        {
            ExpireMember(member, nowMs);
        }
    }

    /// <summary>
    /// Members that got their JoinGroup response but did not send SyncGroup within the rebalance timeout
    /// are removed and the group rebalances (Kafka's expirePendingSync).
    /// </summary>
    private void OnSyncDeadline(long nowMs)
    {
        _syncDeadlineMs = NoDeadline;
        if (_syncGenerationId != _generationId
            || _state is not (GroupState.CompletingRebalance or GroupState.Stable)
            || _pendingSyncMembers.Count == 0)
        {
            return;
        }

        var laggards = new string[_pendingSyncMembers.Count];
        _pendingSyncMembers.CopyTo(laggards);
        Array.Sort(laggards, StringComparer.Ordinal);
        foreach (var memberId in laggards)
        {
            if (_members.TryGetValue(memberId, out var member))
            {
                if (TryTakeAwaitingJoin(member, out long joinRequest))
                {
                    Reply(JoinError(joinRequest, ErrorCode.UnknownMemberId, string.Empty));
                }

                Emit(new GroupEvents.MemberRemoved(memberId, MemberRemovalReason.SyncTimeout));
            }
        }

        PrepareRebalance("members did not sync in time", nowMs);
    }

    /// <summary>
    /// Call once after replaying the journal through <see cref="Apply"/>: starts the session state as a
    /// Kafka coordinator does after loading a group. Every member gets a fresh session deadline; a
    /// rebalance that was running restarts its join (or sync) wait with a fresh rebalance timeout and
    /// completes early once every member rejoined (or synced).
    /// </summary>
    public GroupCoordinatorResult OnRecoveryCompleted(long nowMs)
    {
        _result.Clear();
        ResetSessionState();
        foreach (var member in _members.Values)
        {
            member.AwaitingJoinRequestId = null;
            member.AwaitingSyncRequestId = null;
            member.IsNew = false;
            member.SessionTimerDueMs = NoDeadline;
            ScheduleHeartbeat(member, nowMs + member.SessionTimeoutMs);
        }

        switch (_state)
        {
            case GroupState.PreparingRebalance:
                // The parked JoinGroups died with the old owner; members find the coordinator again and
                // rejoin. Give them a full rebalance timeout (also for an initial rebalance: the delay
                // that gathers a new group's first members has already been spent).
                ScheduleJoinDeadline(nowMs + Math.Max(GroupRebalanceTimeoutMs(), 1));
                break;
            case GroupState.CompletingRebalance:
                foreach (var member in _members.Values)
                {
                    _pendingSyncMembers.Add(member.MemberId);
                }

                _syncGenerationId = _generationId;
                _syncDeadlineMs = nowMs + Math.Max(GroupRebalanceTimeoutMs(), 1);
                RequestTimer(SyncTimerKey, _syncDeadlineMs);
                break;
        }

        return _result.Build();
    }
}
