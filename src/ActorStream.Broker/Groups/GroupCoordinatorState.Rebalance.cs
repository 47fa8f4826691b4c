using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Groups;

/// <summary>The join phase of a rebalance: preparing, completing, protocol selection (Kafka's prepareRebalance and completeClassicGroupJoin).</summary>
public sealed partial class GroupCoordinatorState
{
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
                    isLeader ? leaderView! : s_noJoinMembers));
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
