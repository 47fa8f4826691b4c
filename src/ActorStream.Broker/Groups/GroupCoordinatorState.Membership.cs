using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Groups;

/// <summary>SyncGroup, Heartbeat and LeaveGroup (Kafka's classicGroupSync, classicGroupHeartbeat, classicGroupLeave).</summary>
public sealed partial class GroupCoordinatorState
{
    private void HandleSyncGroup(GroupProtocol.SyncGroup command, long nowMs)
    {
        if (_state is GroupState.Dead or GroupState.Empty)
        {
            Reply(SyncError(command.RequestId, ErrorCode.UnknownMemberId));
            return;
        }

        var error = ValidateMember(command.MemberId, command.GroupInstanceId, out var member);
        if (error == ErrorCode.None && command.GenerationId != _generationId)
        {
            error = ErrorCode.IllegalGeneration;
        }

        if (error == ErrorCode.None
            && (IsProtocolInconsistent(command.ProtocolType, _protocolType) || IsProtocolInconsistent(command.ProtocolName, _protocolName)))
        {
            error = ErrorCode.InconsistentGroupProtocol;
        }

        if (error != ErrorCode.None)
        {
            Reply(SyncError(command.RequestId, error));
            return;
        }

        switch (_state)
        {
            case GroupState.PreparingRebalance:
                Reply(SyncError(command.RequestId, ErrorCode.RebalanceInProgress));
                break;
            case GroupState.CompletingRebalance:
                if (TryTakeAwaitingSync(member, out long superseded))
                {
                    Reply(SyncError(superseded, ErrorCode.RebalanceInProgress));
                }

                member.AwaitingSyncRequestId = command.RequestId;
                RemovePendingSyncMember(command.MemberId);
                if (IsLeader(command.MemberId))
                {
                    StoreAssignments(command.Assignments, nowMs);
                }

                break;
            case GroupState.Stable:
                // A follower that syncs after the leader (or a member syncing again) gets the stored assignment.
                RemovePendingSyncMember(command.MemberId);
                Reply(new GroupProtocol.SyncGroupReply(command.RequestId, ErrorCode.None, _protocolType, _protocolName, member.Assignment));
                break;
        }
    }

    /// <summary>SyncGroup v5 protocol checks: a null on either side means "not sent" or "not known".</summary>
    private static bool IsProtocolInconsistent(string? requested, string? group) =>
        requested is not null && group is not null && !string.Equals(requested, group, StringComparison.Ordinal);

    private void RemovePendingSyncMember(string memberId)
    {
        _pendingSyncMembers.Remove(memberId);
        if (_pendingSyncMembers.Count == 0)
        {
            _syncDeadlineMs = NoDeadline;
        }
    }

    /// <summary>
    /// The leader's SyncGroup: one assignment per member (empty bytes for members it left out; entries for
    /// unknown member ids are dropped), stored as one event; the group becomes Stable and every parked
    /// SyncGroup is answered once that event is persisted.
    /// </summary>
    private void StoreAssignments(IReadOnlyList<MemberAssignment> assignments, long nowMs)
    {
        var byMember = new Dictionary<string, ReadOnlyMemory<byte>>(assignments.Count, StringComparer.Ordinal);
        for (int i = 0; i < assignments.Count; i++)
        {
            byMember[assignments[i].MemberId] = assignments[i].Assignment;
        }

        var stored = new MemberAssignment[_members.Count];
        int index = 0;
        foreach (var member in _members.Values)
        {
            stored[index++] = new MemberAssignment(
                member.MemberId,
                byMember.TryGetValue(member.MemberId, out var bytes) ? bytes : ReadOnlyMemory<byte>.Empty);
        }

        Emit(new GroupEvents.AssignmentsStored(_generationId, stored, nowMs));
        foreach (var member in _members.Values)
        {
            if (TryTakeAwaitingSync(member, out long requestId))
            {
                Reply(new GroupProtocol.SyncGroupReply(requestId, ErrorCode.None, _protocolType, _protocolName, member.Assignment));
                ScheduleHeartbeat(member, nowMs + member.SessionTimeoutMs);
            }
        }
    }

    /// <summary>Answers every parked SyncGroup with <paramref name="error"/> (a new rebalance started).</summary>
    private void PropagateSyncError(ErrorCode error, long nowMs)
    {
        foreach (var member in _members.Values)
        {
            if (TryTakeAwaitingSync(member, out long requestId))
            {
                Reply(SyncError(requestId, error));
                ScheduleHeartbeat(member, nowMs + member.SessionTimeoutMs);
            }
        }
    }

    /// <summary>
    /// Heartbeat: the hot path. No LINQ, no allocation beyond the result. A valid heartbeat pushes the
    /// member's session deadline; the timer is re-armed lazily when the old one fires.
    /// </summary>
    private GroupCoordinatorResult HandleHeartbeat(GroupProtocol.Heartbeat command, long nowMs)
    {
        ErrorCode error;
        if (_state == GroupState.Dead)
        {
            error = ErrorCode.UnknownMemberId;
        }
        else
        {
            error = ValidateMember(command.MemberId, command.GroupInstanceId, out var member);
            if (error == ErrorCode.None && command.GenerationId != _generationId)
            {
                error = ErrorCode.IllegalGeneration;
            }

            if (error == ErrorCode.None)
            {
                switch (_state)
                {
                    case GroupState.PreparingRebalance:
                        ScheduleHeartbeat(member, nowMs + member.SessionTimeoutMs);
                        error = ErrorCode.RebalanceInProgress;
                        break;
                    case GroupState.CompletingRebalance:
                    case GroupState.Stable:
                        // Consumers may heartbeat between their JoinGroup and SyncGroup responses.
                        ScheduleHeartbeat(member, nowMs + member.SessionTimeoutMs);
                        break;
                    default:
                        error = ErrorCode.UnknownMemberId;
                        break;
                }
            }
        }

        var reply = new GroupProtocol.HeartbeatReply(command.RequestId, error);
        if (_result.IsEmpty)
        {
            // The usual case: no timer to start, so skip the builder's copies.
            return new GroupCoordinatorResult(null, [reply], null);
        }

        Reply(reply);
        return _result.Build();
    }

    private void HandleLeaveGroup(GroupProtocol.LeaveGroup command, long nowMs)
    {
        if (_state == GroupState.Dead)
        {
            Reply(new GroupProtocol.LeaveGroupReply(command.RequestId, ErrorCode.UnknownMemberId, []));
            return;
        }

        var results = new GroupProtocol.LeftMember[command.Members.Count];
        bool anyLeft = false;
        for (int i = 0; i < command.Members.Count; i++)
        {
            var leaving = command.Members[i];
            ErrorCode error;
            if (leaving.MemberId.Length == 0)
            {
                // Admin removal of a static member by group.instance.id (kafka-consumer-groups --delete-offsets
                // and the admin client's removeMembersFromConsumerGroup).
                if (leaving.GroupInstanceId is not null && _staticMembers.TryGetValue(leaving.GroupInstanceId, out var staticMemberId))
                {
                    RemoveLeavingMember(staticMemberId);
                    error = ErrorCode.None;
                }
                else
                {
                    error = ErrorCode.UnknownMemberId;
                }
            }
            else if (_pendingMembers.Remove(leaving.MemberId))
            {
                error = ErrorCode.None;
            }
            else
            {
                error = ValidateMember(leaving.MemberId, leaving.GroupInstanceId, out _);
                if (error == ErrorCode.None)
                {
                    RemoveLeavingMember(leaving.MemberId);
                }
            }

            anyLeft |= error == ErrorCode.None;
            results[i] = new GroupProtocol.LeftMember(leaving.MemberId, leaving.GroupInstanceId, error);
        }

        if (anyLeft)
        {
            switch (_state)
            {
                case GroupState.Stable:
                case GroupState.CompletingRebalance:
                    MaybePrepareRebalanceOrCompleteJoin("members left the group", nowMs);
                    break;
                case GroupState.PreparingRebalance:
                    MaybeCompleteJoinPhase(nowMs);
                    break;
            }
        }

        // v0–2 have no per-member errors: the single member's error is the response's error.
        var topLevel = command.ApiVersion < 3 && results.Length > 0 ? results[0].Error : ErrorCode.None;
        Reply(new GroupProtocol.LeaveGroupReply(command.RequestId, topLevel, results));
    }

    /// <summary>Removes a member that left, answering its parked requests so that it rejoins if still alive.</summary>
    private void RemoveLeavingMember(string memberId)
    {
        var member = _members[memberId];
        if (TryTakeAwaitingJoin(member, out long joinRequest))
        {
            Reply(JoinError(joinRequest, ErrorCode.UnknownMemberId, string.Empty));
        }

        if (TryTakeAwaitingSync(member, out long syncRequest))
        {
            Reply(SyncError(syncRequest, ErrorCode.UnknownMemberId));
        }

        Emit(new GroupEvents.MemberRemoved(memberId, MemberRemovalReason.Left));
    }

    /// <summary>
    /// A member's session (or new-member join timeout) expired: remove it and rebalance, or finish a
    /// running join phase that was only waiting for it.
    /// </summary>
    private void ExpireMember(GroupMember member, long nowMs)
    {
        var reason = member.IsNew ? MemberRemovalReason.JoinTimeout : MemberRemovalReason.SessionTimeout;
        if (TryTakeAwaitingJoin(member, out long joinRequest))
        {
            Reply(JoinError(joinRequest, ErrorCode.UnknownMemberId, string.Empty));
        }

        if (TryTakeAwaitingSync(member, out long syncRequest))
        {
            Reply(SyncError(syncRequest, ErrorCode.UnknownMemberId));
        }

        Emit(new GroupEvents.MemberRemoved(member.MemberId, reason));
        if (_state is GroupState.Stable or GroupState.CompletingRebalance)
        {
            MaybePrepareRebalanceOrCompleteJoin("member " + member.MemberId + " expired", nowMs);
        }
        else if (_state == GroupState.PreparingRebalance && HasAllMembersJoined())
        {
            CompleteJoinPhase(nowMs);
        }
    }
}
