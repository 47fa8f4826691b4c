using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Groups;

/// <summary>JoinGroup and the join phase of a rebalance (Kafka's classicGroupJoin* and completeClassicGroupJoin).</summary>
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
            includeMembers ? CurrentJoinMembers() : NoJoinMembers);

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

    private bool CanRebalance() =>
        _state is GroupState.Stable or GroupState.CompletingRebalance or GroupState.Empty;

    private void MaybePrepareRebalanceOrCompleteJoin(string reason, long nowMs)
    {
        if (CanRebalance())
        {
            PrepareRebalance(reason, nowMs);
        }
        else
        {
            MaybeCompleteJoinPhase(nowMs);
        }
    }

    private void PrepareRebalance(string reason, long nowMs)
    {
        if (_state == GroupState.CompletingRebalance)
        {
            // Members parked in SyncGroup must rejoin.
            PropagateSyncError(ErrorCode.RebalanceInProgress, nowMs);
        }

        _pendingSyncMembers.Clear();
        _syncDeadlineMs = NoDeadline;

        bool isInitialRebalance = _state == GroupState.Empty;
        int rebalanceTimeoutMs = GroupRebalanceTimeoutMs();
        Emit(new GroupEvents.RebalanceStarted(reason, nowMs));

        if (isInitialRebalance)
        {
            // A new group waits group.initial.rebalance.delay.ms for more members (extended while they
            // keep coming, up to the rebalance timeout) so that a fleet of consumers starting together
            // does not rebalance once per member.
            int delayMs = _config.InitialRebalanceDelayMs;
            _joinInInitialDelay = true;
            _newMemberAdded = false;
            _initialDelayMs = delayMs;
            _initialRemainingMs = Math.Max(rebalanceTimeoutMs - delayMs, 0);
            if (delayMs <= 0)
            {
                // The delayed completion would fire at once with no member added in between.
                CompleteJoinPhase(nowMs);
                return;
            }

            _joinDeadlineMs = nowMs + delayMs;
            RequestTimer(JoinTimerKey, _joinDeadlineMs);
            return;
        }

        MaybeCompleteJoinElseSchedule(nowMs);
    }

    private void MaybeCompleteJoinElseSchedule(long nowMs)
    {
        if (HasAllMembersJoined())
        {
            CompleteJoinPhase(nowMs);
        }
        else
        {
            ScheduleJoinDeadline(nowMs + Math.Max(GroupRebalanceTimeoutMs(), 1));
        }
    }

    private void ScheduleJoinDeadline(long deadlineMs)
    {
        _joinInInitialDelay = false;
        _joinDeadlineMs = deadlineMs;
        RequestTimer(JoinTimerKey, deadlineMs);
    }

    /// <summary>
    /// Completes the join phase early once every known member rejoined, except during the initial delay of
    /// a new group (Kafka checks "previous state is Empty", which is the same window).
    /// </summary>
    private void MaybeCompleteJoinPhase(long nowMs)
    {
        if (_state != GroupState.PreparingRebalance || _joinInInitialDelay || !HasAllMembersJoined())
        {
            return;
        }

        CompleteJoinPhase(nowMs);
    }

    /// <summary>The initial-delay timer fired: extend it if members kept joining and time is left, else complete.</summary>
    private void OnInitialDelayExpired(long nowMs)
    {
        if (_newMemberAdded && _initialRemainingMs != 0)
        {
            _newMemberAdded = false;
            int delayMs = _initialDelayMs;
            int newDelayMs = Math.Min(_config.InitialRebalanceDelayMs, _initialRemainingMs);
            _initialRemainingMs = Math.Max(_initialRemainingMs - delayMs, 0);
            _initialDelayMs = newDelayMs;
            _joinDeadlineMs = nowMs + newDelayMs;
            RequestTimer(JoinTimerKey, _joinDeadlineMs);
            return;
        }

        CompleteJoinPhase(nowMs);
    }

    /// <summary>
    /// Kafka's completeClassicGroupJoin: drop dynamic members that did not rejoin, make sure the leader is a
    /// member that rejoined, then start the next generation and answer every parked JoinGroup.
    /// </summary>
    private void CompleteJoinPhase(long nowMs)
    {
        _joinDeadlineMs = NoDeadline;
        _joinInInitialDelay = false;

        List<string>? notRejoined = null;
        foreach (var member in _members.Values)
        {
            if (!member.IsAwaitingJoin && member.GroupInstanceId is null)
            {
                (notRejoined ??= []).Add(member.MemberId);
            }
        }

        if (notRejoined is not null)
        {
            foreach (var memberId in notRejoined)
            {
                Emit(new GroupEvents.MemberRemoved(memberId, MemberRemovalReason.NotRejoined));
            }
        }

        string? leaderId = _leaderId;
        if (leaderId is not null && !_members[leaderId].IsAwaitingJoin)
        {
            leaderId = null;
            foreach (var member in _members.Values)
            {
                if (member.IsAwaitingJoin)
                {
                    leaderId = member.MemberId;
                    break;
                }
            }

            if (leaderId is null)
            {
                // Only absent static members are left: wait another rebalance timeout for them (their
                // session timeouts remove them if they never come back).
                ScheduleJoinDeadline(nowMs + Math.Max(GroupRebalanceTimeoutMs(), 1));
                return;
            }
        }

        int generationId = _generationId + 1;
        string? protocolName = _members.Count > 0 ? SelectProtocol() : null;
        Emit(new GroupEvents.GroupRebalanced(generationId, protocolName, _members.Count > 0 ? leaderId : null, nowMs));
        _pendingSyncMembers.Clear();
        if (_state == GroupState.Empty)
        {
            return;
        }

        GroupProtocol.JoinGroupMember[]? leaderView = null;
        foreach (var member in _members.Values)
        {
            if (TryTakeAwaitingJoin(member, out long requestId))
            {
                bool isLeader = IsLeader(member.MemberId);
                if (isLeader)
                {
                    leaderView ??= CurrentJoinMembers();
                }

                Reply(new GroupProtocol.JoinGroupReply(
                    requestId,
                    ErrorCode.None,
                    _generationId,
                    _protocolType,
                    _protocolName,
                    _leaderId ?? NoLeader,
                    false,
                    member.MemberId,
                    isLeader ? leaderView! : NoJoinMembers));
            }

            member.IsNew = false;
            ScheduleHeartbeat(member, nowMs + member.SessionTimeoutMs);
            _pendingSyncMembers.Add(member.MemberId);
        }

        _syncGenerationId = _generationId;
        _syncDeadlineMs = nowMs + Math.Max(GroupRebalanceTimeoutMs(), 1);
        RequestTimer(SyncTimerKey, _syncDeadlineMs);
    }

    /// <summary>
    /// Kafka's selectProtocol: candidates are the protocols every member supports; each member votes for
    /// its most preferred candidate; most votes wins. Ties go to the candidate that got its first vote
    /// first (member order), which keeps the choice deterministic.
    /// </summary>
    private string? SelectProtocol()
    {
        if (_members.Count == 0)
        {
            return null;
        }

        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, count) in _protocolSupport)
        {
            if (count == _members.Count)
            {
                candidates.Add(name);
            }
        }

        var order = new List<string>();
        var votes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var member in _members.Values)
        {
            var vote = member.Vote(candidates);
            if (vote is null)
            {
                continue;
            }

            if (votes.TryGetValue(vote, out int count))
            {
                votes[vote] = count + 1;
            }
            else
            {
                votes[vote] = 1;
                order.Add(vote);
            }
        }

        string? best = null;
        int bestVotes = 0;
        foreach (var name in order)
        {
            if (votes[name] > bestVotes)
            {
                best = name;
                bestVotes = votes[name];
            }
        }

        return best;
    }
}
