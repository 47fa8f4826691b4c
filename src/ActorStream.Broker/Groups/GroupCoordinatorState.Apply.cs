using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Broker.Groups;

/// <summary>Apply: the only code that changes the durable state (Kafka's replay of coordinator records).</summary>
public sealed partial class GroupCoordinatorState
{
    private const string ConsumerProtocolType = "consumer";

    /// <summary>
    /// Applies one durable event. Recovery calls it for every journaled event in order (then
    /// <see cref="OnRecoveryCompleted"/>); <see cref="Handle"/> calls it for the events it emits. An event
    /// that does not fit the state (a corrupt or foreign journal) throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public void Apply(IGroupEvent groupEvent)
    {
        ArgumentNullException.ThrowIfNull(groupEvent);
        switch (groupEvent)
        {
            case GroupEvents.OffsetsCommitted committed:
                ApplyOffsetsCommitted(committed);
                break;
            case GroupEvents.MemberJoined joined:
                ApplyMemberJoined(joined);
                break;
            case GroupEvents.MemberUpdated updated:
                ApplyMemberUpdated(updated);
                break;
            case GroupEvents.MemberRemoved removed:
                ApplyMemberRemoved(removed);
                break;
            case GroupEvents.StaticMemberReplaced replaced:
                ApplyStaticMemberReplaced(replaced);
                break;
            case GroupEvents.RebalanceStarted started:
                if (_state is not (GroupState.Empty or GroupState.Stable or GroupState.CompletingRebalance))
                {
                    throw InvalidEvent(groupEvent);
                }

                if (_state == GroupState.CompletingRebalance)
                {
                    // The assignment of the abandoned generation was never stored.
                    foreach (var member in _members.Values)
                    {
                        member.Assignment = ReadOnlyMemory<byte>.Empty;
                    }
                }

                TransitionTo(GroupState.PreparingRebalance, started.TimestampMs);
                break;
            case GroupEvents.GroupRebalanced rebalanced:
                ApplyGroupRebalanced(rebalanced);
                break;
            case GroupEvents.AssignmentsStored stored:
                ApplyAssignmentsStored(stored);
                break;
            case GroupEvents.OffsetsExpired expired:
                for (int i = 0; i < expired.Partitions.Count; i++)
                {
                    _offsets.Remove(expired.Partitions[i]);
                }

                break;
            case GroupEvents.GroupCreated created:
                if (_state != GroupState.Dead)
                {
                    throw InvalidEvent(groupEvent);
                }

                ClearDurableState();
                TransitionTo(GroupState.Empty, created.TimestampMs);
                break;
            case GroupEvents.GroupDeleted deleted:
                ClearDurableState();
                TransitionTo(GroupState.Dead, deleted.TimestampMs);
                break;
            default:
                throw new ArgumentException($"Unknown group event {groupEvent.GetType().Name}.", nameof(groupEvent));
        }
    }

    private InvalidOperationException InvalidEvent(IGroupEvent groupEvent) =>
        new($"Group {_groupId}: event {groupEvent.GetType().Name} does not apply in state {_state.ToKafkaName()}.");

    private void TransitionTo(GroupState state, long timestampMs)
    {
        _previousState = _state;
        _state = state;
        _stateTimestampMs = timestampMs;
    }

    private void ClearDurableState()
    {
        _members.Clear();
        _staticMembers.Clear();
        _protocolSupport.Clear();
        _offsets.Clear();
        _generationId = 0;
        _protocolType = null;
        _protocolName = null;
        _leaderId = null;
        _subscribedTopics = null;
        _awaitingJoinCount = 0;
        _pendingSyncMembers.Clear();
    }

    private void ApplyOffsetsCommitted(GroupEvents.OffsetsCommitted committed)
    {
        if (_state == GroupState.Dead)
        {
            throw InvalidEvent(committed);
        }

        var offsets = committed.Offsets;
        for (int i = 0; i < offsets.Count; i++)
        {
            var offset = offsets[i];
            _offsets[new TopicPartition(offset.Topic, offset.Partition)] = offset;
        }
    }

    private void ApplyMemberJoined(GroupEvents.MemberJoined joined)
    {
        if (_state == GroupState.Dead || _members.ContainsKey(joined.MemberId)
            || (joined.GroupInstanceId is not null && _staticMembers.ContainsKey(joined.GroupInstanceId)))
        {
            throw InvalidEvent(joined);
        }

        if (_members.Count == 0)
        {
            _protocolType = joined.ProtocolType;
        }

        var member = new GroupMember(
            joined.MemberId,
            joined.GroupInstanceId,
            joined.ClientId,
            joined.ClientHost,
            joined.SessionTimeoutMs,
            joined.RebalanceTimeoutMs,
            joined.ProtocolType,
            joined.Protocols,
            ReadOnlyMemory<byte>.Empty);
        _members.Add(member.MemberId, member);
        if (member.GroupInstanceId is not null)
        {
            _staticMembers[member.GroupInstanceId] = member.MemberId;
        }

        _leaderId ??= member.MemberId;
        CountProtocols(member.Protocols, +1);
    }

    private void ApplyMemberUpdated(GroupEvents.MemberUpdated updated)
    {
        if (!_members.TryGetValue(updated.MemberId, out var member))
        {
            throw InvalidEvent(updated);
        }

        CountProtocols(member.Protocols, -1);
        member.Protocols = updated.Protocols;
        member.SessionTimeoutMs = updated.SessionTimeoutMs;
        member.RebalanceTimeoutMs = updated.RebalanceTimeoutMs;
        CountProtocols(member.Protocols, +1);
    }

    private void ApplyMemberRemoved(GroupEvents.MemberRemoved removed)
    {
        if (!_members.Remove(removed.MemberId, out var member))
        {
            throw InvalidEvent(removed);
        }

        CountProtocols(member.Protocols, -1);
        if (member.GroupInstanceId is not null)
        {
            _staticMembers.Remove(member.GroupInstanceId);
        }

        // Keep the session bookkeeping consistent with the member set.
        if (member.IsAwaitingJoin)
        {
            _awaitingJoinCount--;
        }

        _pendingSyncMembers.Remove(member.MemberId);
        if (IsLeader(member.MemberId))
        {
            _leaderId = _members.Count > 0 ? _members.GetAt(0).Key : null;
        }
    }

    private void ApplyStaticMemberReplaced(GroupEvents.StaticMemberReplaced replaced)
    {
        int index = _members.IndexOf(replaced.OldMemberId);
        if (index < 0 || _members.ContainsKey(replaced.NewMemberId))
        {
            throw InvalidEvent(replaced);
        }

        var oldMember = _members.GetAt(index).Value;
        if (oldMember.IsAwaitingJoin)
        {
            _awaitingJoinCount--;
        }

        var newMember = oldMember.WithMemberId(replaced.NewMemberId);
        _members.SetAt(index, replaced.NewMemberId, newMember);
        _staticMembers[replaced.GroupInstanceId] = replaced.NewMemberId;
        if (_pendingSyncMembers.Remove(replaced.OldMemberId))
        {
            _pendingSyncMembers.Add(replaced.NewMemberId);
        }

        if (IsLeader(replaced.OldMemberId))
        {
            _leaderId = replaced.NewMemberId;
        }
    }

    private void ApplyGroupRebalanced(GroupEvents.GroupRebalanced rebalanced)
    {
        if (_state != GroupState.PreparingRebalance
            || (rebalanced.LeaderId is not null && !_members.ContainsKey(rebalanced.LeaderId)))
        {
            throw InvalidEvent(rebalanced);
        }

        _generationId = rebalanced.GenerationId;
        _protocolName = rebalanced.ProtocolName;
        _leaderId = rebalanced.LeaderId;
        TransitionTo(_members.Count > 0 ? GroupState.CompletingRebalance : GroupState.Empty, rebalanced.TimestampMs);
        _subscribedTopics = ComputeSubscribedTopics();
    }

    private void ApplyAssignmentsStored(GroupEvents.AssignmentsStored stored)
    {
        if (_state != GroupState.CompletingRebalance || stored.GenerationId != _generationId)
        {
            throw InvalidEvent(stored);
        }

        foreach (var member in _members.Values)
        {
            member.Assignment = ReadOnlyMemory<byte>.Empty;
        }

        for (int i = 0; i < stored.Assignments.Count; i++)
        {
            if (_members.TryGetValue(stored.Assignments[i].MemberId, out var member))
            {
                member.Assignment = stored.Assignments[i].Assignment;
            }
        }

        TransitionTo(GroupState.Stable, stored.TimestampMs);
    }

    private void CountProtocols(IReadOnlyList<MemberProtocol> protocols, int delta)
    {
        for (int i = 0; i < protocols.Count; i++)
        {
            string name = protocols[i].Name;
            int count = _protocolSupport.TryGetValue(name, out int current) ? current + delta : delta;
            if (count == 0)
            {
                _protocolSupport.Remove(name);
            }
            else
            {
                _protocolSupport[name] = count;
            }
        }
    }

    /// <summary>
    /// Kafka's computeSubscribedTopics: for protocol type "consumer", the union of the members' subscribed
    /// topics (read with the v0 prefix every subscription version shares); an empty set for an empty
    /// group; null (unknown) for other protocol types or unreadable metadata.
    /// </summary>
    private HashSet<string>? ComputeSubscribedTopics()
    {
        if (!string.Equals(_protocolType, ConsumerProtocolType, StringComparison.Ordinal))
        {
            return null;
        }

        var topics = new HashSet<string>(StringComparer.Ordinal);
        if (_members.Count == 0)
        {
            return topics;
        }

        if (_protocolName is null)
        {
            return null;
        }

        try
        {
            foreach (var member in _members.Values)
            {
                // Like Kafka, read only the v0 prefix (version, topics, user data) that every version starts
                // with, so that later subscription versions never make the topics unknown.
                var reader = new KafkaReader(member.MetadataFor(_protocolName));
                if (reader.ReadInt16() < 0)
                {
                    return null;
                }

                var subscription = ConsumerProtocolSubscription.Read(ref reader, 0);
                foreach (var topic in subscription.Topics)
                {
                    topics.Add(topic);
                }
            }
        }
        catch (KafkaProtocolException)
        {
            return null;
        }

        return topics;
    }
}
