using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Groups;

/// <summary>JoinGroup (Kafka's classicGroupJoin*): new, pending, existing and static members.</summary>
public sealed partial class GroupCoordinatorState
{
    private void HandleJoinGroup(GroupProtocol.JoinGroup command, long nowMs)
    {
        if (_groupId.Length == 0)
        {
            Reply(JoinError(command.RequestId, ErrorCode.InvalidGroupId, command.MemberId));
            return;
        }

        if (command.SessionTimeoutMs < _config.MinSessionTimeoutMs || command.SessionTimeoutMs > _config.MaxSessionTimeoutMs)
        {
            Reply(JoinError(command.RequestId, ErrorCode.InvalidSessionTimeout, command.MemberId));
            return;
        }

        bool isUnknownMember = command.MemberId.Length == 0;
        if (_state == GroupState.Dead)
        {
            // Only a joiner without a member id creates the group; a member id for a group that does not
            // exist is stale (the group was deleted or expired).
            if (!isUnknownMember)
            {
                Reply(JoinError(command.RequestId, ErrorCode.UnknownMemberId, command.MemberId));
                return;
            }

            Emit(new GroupEvents.GroupCreated(nowMs));
        }

        if (!AcceptJoiningMember(command.MemberId))
        {
            RemoveRejectedJoiner(command.MemberId);
            Reply(JoinError(command.RequestId, ErrorCode.GroupMaxSizeReached, string.Empty));
            return;
        }

        if (isUnknownMember)
        {
            JoinNewMember(command, nowMs);
        }
        else
        {
            JoinExistingMember(command, nowMs);
        }
    }

    /// <summary>JoinGroup v0 has no rebalance timeout: the session timeout stands in for it (KAFKA-8653).</summary>
    private static int RebalanceTimeoutOf(GroupProtocol.JoinGroup command) =>
        command.ApiVersion == 0 ? command.SessionTimeoutMs : command.RebalanceTimeoutMs;

    /// <summary>
    /// group.max.size: while preparing a rebalance the members that already rejoined count (so the last
    /// rejoiners of an over-full group lose their place); otherwise the members do.
    /// </summary>
    private bool AcceptJoiningMember(string memberId)
    {
        switch (_state)
        {
            case GroupState.Empty:
            case GroupState.Dead:
                return true;
            case GroupState.PreparingRebalance:
                return (_members.TryGetValue(memberId, out var member) && member.IsAwaitingJoin)
                    || _awaitingJoinCount < _config.MaxGroupSize;
            default:
                return _members.ContainsKey(memberId) || _members.Count < _config.MaxGroupSize;
        }
    }

    private void RemoveRejectedJoiner(string memberId)
    {
        if (_pendingMembers.Remove(memberId))
        {
            return;
        }

        if (_members.ContainsKey(memberId))
        {
            Emit(new GroupEvents.MemberRemoved(memberId, MemberRemovalReason.GroupMaxSizeReached));
        }
    }

    /// <summary>
    /// Kafka's supportsProtocols: an Empty group takes any non-empty protocol type with at least one
    /// protocol; otherwise the type must match and one of the protocols must be supported by every member.
    /// </summary>
    private bool SupportsProtocols(string protocolType, IReadOnlyList<MemberProtocol> protocols)
    {
        if (_state == GroupState.Empty)
        {
            return protocolType.Length > 0 && protocols.Count > 0;
        }

        if (!string.Equals(_protocolType, protocolType, StringComparison.Ordinal))
        {
            return false;
        }

        for (int i = 0; i < protocols.Count; i++)
        {
            if (_protocolSupport.TryGetValue(protocols[i].Name, out int count) && count == _members.Count)
            {
                return true;
            }
        }

        return false;
    }

    private string GenerateMemberId(GroupProtocol.JoinGroup command) =>
        (command.GroupInstanceId ?? command.ClientId) + "-" + _newGuid().ToString("D");

    private void JoinNewMember(GroupProtocol.JoinGroup command, long nowMs)
    {
        if (!SupportsProtocols(command.ProtocolType, command.Protocols))
        {
            Reply(JoinError(command.RequestId, ErrorCode.InconsistentGroupProtocol, string.Empty));
            return;
        }

        string newMemberId = GenerateMemberId(command);
        if (command.GroupInstanceId is { } groupInstanceId)
        {
            if (_staticMembers.TryGetValue(groupInstanceId, out var existingMemberId))
            {
                ReplaceStaticMember(command, existingMemberId, newMemberId, nowMs);
            }
            else
            {
                AddMemberThenRebalanceOrCompleteJoin(command, newMemberId, nowMs);
            }
        }
        else if (command.ApiVersion >= 4)
        {
            // KIP-394: hand out the id and make the client come back with it, so a client that times out
            // and retries does not leave a trail of phantom members in the rebalance.
            long deadline = nowMs + command.SessionTimeoutMs;
            _pendingMembers[newMemberId] = deadline;
            RequestTimer(PendingTimerPrefix + newMemberId, deadline);
            Reply(JoinError(command.RequestId, ErrorCode.MemberIdRequired, newMemberId));
        }
        else
        {
            AddMemberThenRebalanceOrCompleteJoin(command, newMemberId, nowMs);
        }
    }

    private void JoinExistingMember(GroupProtocol.JoinGroup command, long nowMs)
    {
        string memberId = command.MemberId;
        if (!SupportsProtocols(command.ProtocolType, command.Protocols))
        {
            Reply(JoinError(command.RequestId, ErrorCode.InconsistentGroupProtocol, memberId));
            return;
        }

        if (_pendingMembers.ContainsKey(memberId))
        {
            if (command.GroupInstanceId is not null)
            {
                // Pending ids are only handed to dynamic members; Kafka treats this as an internal error.
                Reply(JoinError(command.RequestId, ErrorCode.UnknownServerError, memberId));
                return;
            }

            _pendingMembers.Remove(memberId);
            AddMemberThenRebalanceOrCompleteJoin(command, memberId, nowMs);
            return;
        }

        var error = ValidateMember(memberId, command.GroupInstanceId, out var member);
        if (error != ErrorCode.None)
        {
            Reply(JoinError(command.RequestId, error, memberId));
            return;
        }

        switch (_state)
        {
            case GroupState.PreparingRebalance:
                UpdateMemberThenRebalanceOrCompleteJoin(member, command, "member rejoined during PreparingRebalance", nowMs);
                break;
            case GroupState.CompletingRebalance:
                if (member.Matches(command.Protocols))
                {
                    // Same metadata: the client probably lost the JoinGroup response; send it again.
                    Reply(CurrentGenerationJoinReply(command.RequestId, memberId, IsLeader(memberId), _leaderId ?? NoLeader, false));
                }
                else
                {
                    UpdateMemberThenRebalanceOrCompleteJoin(member, command, "member changed its metadata during CompletingRebalance", nowMs);
                }

                break;
            case GroupState.Stable:
                if (IsLeader(memberId))
                {
                    // A rejoining leader forces a rebalance: it is how a consumer reacts to metadata changes
                    // (new partitions, new matching topics) that do not change its subscription bytes.
                    UpdateMemberThenRebalanceOrCompleteJoin(member, command, "leader rejoined", nowMs);
                }
                else if (!member.Matches(command.Protocols))
                {
                    UpdateMemberThenRebalanceOrCompleteJoin(member, command, "member changed its metadata", nowMs);
                }
                else
                {
                    Reply(CurrentGenerationJoinReply(command.RequestId, memberId, false, _leaderId ?? NoLeader, false));
                }

                break;
            default:
                Reply(JoinError(command.RequestId, ErrorCode.UnknownMemberId, memberId));
                break;
        }
    }

    private bool IsLeader(string memberId) => string.Equals(_leaderId, memberId, StringComparison.Ordinal);

    private GroupProtocol.JoinGroupReply CurrentGenerationJoinReply(
        long requestId,
        string memberId,
        bool includeMembers,
        string leaderId,
        bool skipAssignment) =>
        new(
            requestId,
            ErrorCode.None,
            _generationId,
            _protocolType,
            _protocolName,
            leaderId,
            skipAssignment,
            memberId,
            includeMembers ? CurrentJoinMembers() : s_noJoinMembers);

    private GroupProtocol.JoinGroupMember[] CurrentJoinMembers()
    {
        var members = new GroupProtocol.JoinGroupMember[_members.Count];
        int i = 0;
        foreach (var member in _members.Values)
        {
            members[i++] = new GroupProtocol.JoinGroupMember(member.MemberId, member.GroupInstanceId, member.MetadataFor(_protocolName));
        }

        return members;
    }

    private void AddMemberThenRebalanceOrCompleteJoin(GroupProtocol.JoinGroup command, string memberId, long nowMs)
    {
        if (_state == GroupState.PreparingRebalance && _previousState == GroupState.Empty)
        {
            // Lets the initial rebalance delay be extended once more.
            _newMemberAdded = true;
        }

        Emit(new GroupEvents.MemberJoined(
            memberId,
            command.GroupInstanceId,
            command.ClientId,
            command.ClientHost,
            command.SessionTimeoutMs,
            RebalanceTimeoutOf(command),
            command.ProtocolType,
            command.Protocols));
        var member = _members[memberId];
        SetAwaitingJoin(member, command.RequestId, command.ApiVersion);

        // A new member cannot heartbeat while its JoinGroup is parked, and a client that gave up would
        // otherwise stay forever: bound the wait by the new-member join timeout.
        member.IsNew = true;
        ScheduleHeartbeat(member, nowMs + _config.NewMemberJoinTimeoutMs);
        MaybePrepareRebalanceOrCompleteJoin("new member " + memberId + " joined", nowMs);
    }

    private void UpdateMemberThenRebalanceOrCompleteJoin(GroupMember member, GroupProtocol.JoinGroup command, string reason, long nowMs)
    {
        UpdateMemberIfChanged(member, command);
        SetAwaitingJoin(member, command.RequestId, command.ApiVersion);
        MaybePrepareRebalanceOrCompleteJoin(reason, nowMs);
    }

    private void UpdateMemberIfChanged(GroupMember member, GroupProtocol.JoinGroup command)
    {
        int rebalanceTimeoutMs = RebalanceTimeoutOf(command);
        if (member.SessionTimeoutMs != command.SessionTimeoutMs
            || member.RebalanceTimeoutMs != rebalanceTimeoutMs
            || !member.Matches(command.Protocols))
        {
            Emit(new GroupEvents.MemberUpdated(member.MemberId, command.SessionTimeoutMs, rebalanceTimeoutMs, command.Protocols));
        }
    }

    /// <summary>
    /// A static member came back without its member id (a restarted instance): the new id replaces the old
    /// one, whose parked requests are fenced. In Stable with an unchanged protocol choice there is no
    /// rebalance: the member keeps its assignment once the replacement is stored.
    /// </summary>
    private void ReplaceStaticMember(GroupProtocol.JoinGroup command, string oldMemberId, string newMemberId, long nowMs)
    {
        string currentLeader = _leaderId ?? NoLeader;
        var oldMember = _members[oldMemberId];
        if (TryTakeAwaitingJoin(oldMember, out long oldJoin))
        {
            Reply(JoinError(oldJoin, ErrorCode.FencedInstanceId, oldMemberId));
        }

        if (TryTakeAwaitingSync(oldMember, out long oldSync))
        {
            Reply(SyncError(oldSync, ErrorCode.FencedInstanceId));
        }

        Emit(new GroupEvents.StaticMemberReplaced(command.GroupInstanceId!, oldMemberId, newMemberId));
        var member = _members[newMemberId];
        ScheduleHeartbeat(member, nowMs + member.SessionTimeoutMs);
        UpdateMemberIfChanged(member, command);
        SetAwaitingJoin(member, command.RequestId, command.ApiVersion);

        switch (_state)
        {
            case GroupState.Stable:
                if (string.Equals(SelectProtocol(), _protocolName, StringComparison.Ordinal))
                {
                    // The events above are stored before this reply leaves. Before v9 the reply names the
                    // old leader id, so a rejoining static leader acts as a follower and keeps the
                    // assignment; v9+ tells the leader to skip the assignment instead.
                    TryTakeAwaitingJoin(member, out long requestId);
                    if (command.ApiVersion >= 9)
                    {
                        bool isLeader = IsLeader(newMemberId);
                        Reply(CurrentGenerationJoinReply(requestId, newMemberId, isLeader, _leaderId ?? NoLeader, isLeader));
                    }
                    else
                    {
                        Reply(CurrentGenerationJoinReply(requestId, newMemberId, false, currentLeader, false));
                    }
                }
                else
                {
                    MaybePrepareRebalanceOrCompleteJoin("static member " + newMemberId + " rejoined with a change of protocol", nowMs);
                }

                break;
            case GroupState.CompletingRebalance:
                // The leader may already be assigning for the old member id: start over.
                PrepareRebalance("static member " + newMemberId + " replaced " + oldMemberId + " during CompletingRebalance", nowMs);
                break;
            default:
                MaybeCompleteJoinPhase(nowMs);
                break;
        }
    }
}
