using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Groups;

/// <summary>OffsetCommit, OffsetFetch and offsets retention (Kafka's OffsetMetadataManager for classic groups).</summary>
public sealed partial class GroupCoordinatorState
{
    private const string NoMetadata = "";

    /// <summary>
    /// OffsetCommit: the hot path after Heartbeat. No LINQ; allocates the event and the reply only. The
    /// reply is sent once the <see cref="GroupEvents.OffsetsCommitted"/> event is persisted.
    /// </summary>
    private void HandleOffsetCommit(GroupProtocol.OffsetCommit command, long nowMs)
    {
        var partitions = command.Partitions;
        var results = new GroupProtocol.OffsetCommitPartitionResult[partitions.Count];
        var error = ValidateOffsetCommit(command);
        if (error != ErrorCode.None)
        {
            for (int i = 0; i < partitions.Count; i++)
            {
                results[i] = new GroupProtocol.OffsetCommitPartitionResult(partitions[i].Topic, partitions[i].Partition, error);
            }

            Reply(new GroupProtocol.OffsetCommitReply(command.RequestId, results));
            return;
        }

        if (_state == GroupState.Dead)
        {
            // A consumer without group management (generation -1) creates a "simple" group by committing.
            Emit(new GroupEvents.GroupCreated(nowMs));
        }

        // In the classic protocol a commit from a member keeps its session alive.
        if (_state is GroupState.Stable or GroupState.PreparingRebalance && _members.TryGetValue(command.MemberId, out var member))
        {
            ScheduleHeartbeat(member, nowMs + member.SessionTimeoutMs);
        }

        long? expireTimestampMs = command.RetentionTimeMs == -1 ? null : nowMs + command.RetentionTimeMs;
        var committed = new CommittedOffset[partitions.Count];
        int count = 0;
        for (int i = 0; i < partitions.Count; i++)
        {
            var partition = partitions[i];
            if (partition.Metadata is not null && partition.Metadata.Length > _config.OffsetMetadataMaxBytes)
            {
                results[i] = new GroupProtocol.OffsetCommitPartitionResult(partition.Topic, partition.Partition, ErrorCode.OffsetMetadataTooLarge);
                continue;
            }

            committed[count++] = new CommittedOffset(
                partition.Topic,
                partition.Partition,
                partition.Offset,
                partition.LeaderEpoch,
                partition.Metadata,
                partition.CommitTimestampMs == -1 ? nowMs : partition.CommitTimestampMs,
                expireTimestampMs);
            results[i] = new GroupProtocol.OffsetCommitPartitionResult(partition.Topic, partition.Partition, ErrorCode.None);
        }

        if (count > 0)
        {
            if (count < committed.Length)
            {
                Array.Resize(ref committed, count);
            }

            Emit(new GroupEvents.OffsetsCommitted(committed));
        }

        Reply(new GroupProtocol.OffsetCommitReply(command.RequestId, results));
    }

    /// <summary>
    /// Kafka's ClassicGroup.validateOffsetCommit. Generation -1 from a consumer without member id is a
    /// simple consumer: accepted while the group is Empty (or does not exist yet). Otherwise the member
    /// and generation must match; during CompletingRebalance the commit must wait
    /// (REBALANCE_IN_PROGRESS). During PreparingRebalance a member of the current generation may still
    /// commit, so that consumers can commit revoked partitions before they rejoin.
    /// </summary>
    private ErrorCode ValidateOffsetCommit(GroupProtocol.OffsetCommit command)
    {
        if (_state == GroupState.Dead)
        {
            if (command.GenerationId < 0)
            {
                return ErrorCode.None;
            }

            // v9+ names the problem; older versions keep the error clients already handle.
            return command.ApiVersion >= 9 ? ErrorCode.GroupIdNotFound : ErrorCode.IllegalGeneration;
        }

        if (command.GenerationId < 0 && _state == GroupState.Empty)
        {
            return ErrorCode.None;
        }

        if (command.GenerationId >= 0 || command.MemberId.Length > 0 || command.GroupInstanceId is not null)
        {
            var error = ValidateMember(command.MemberId, command.GroupInstanceId, out _);
            if (error != ErrorCode.None)
            {
                return error;
            }

            if (command.GenerationId != _generationId)
            {
                return ErrorCode.IllegalGeneration;
            }
        }
        else
        {
            // A simple commit while the group has members that use group management.
            return ErrorCode.UnknownMemberId;
        }

        return _state == GroupState.CompletingRebalance ? ErrorCode.RebalanceInProgress : ErrorCode.None;
    }

    /// <summary>
    /// OffsetFetch: committed offsets, or offset -1 / epoch -1 / metadata "" with error NONE for partitions
    /// without a commit (also when the group does not exist): clients then apply auto.offset.reset.
    /// </summary>
    private void HandleOffsetFetch(GroupProtocol.OffsetFetch command)
    {
        GroupProtocol.FetchedOffset[] fetched;
        if (command.Partitions is null)
        {
            var all = new CommittedOffset[_offsets.Count];
            _offsets.Values.CopyTo(all, 0);
            Array.Sort(all, CompareByPartition);
            fetched = new GroupProtocol.FetchedOffset[all.Length];
            for (int i = 0; i < all.Length; i++)
            {
                fetched[i] = ToFetched(all[i]);
            }
        }
        else
        {
            var requested = command.Partitions;
            fetched = new GroupProtocol.FetchedOffset[requested.Count];
            for (int i = 0; i < requested.Count; i++)
            {
                fetched[i] = _offsets.TryGetValue(requested[i], out var offset)
                    ? ToFetched(offset)
                    : new GroupProtocol.FetchedOffset(requested[i].Topic, requested[i].Partition, -1, -1, NoMetadata, ErrorCode.None);
            }
        }

        Reply(new GroupProtocol.OffsetFetchReply(command.RequestId, ErrorCode.None, fetched));
    }

    private static GroupProtocol.FetchedOffset ToFetched(CommittedOffset offset) =>
        new(offset.Topic, offset.Partition, offset.Offset, offset.LeaderEpoch, offset.Metadata, ErrorCode.None);

    private static int CompareByPartition(CommittedOffset left, CommittedOffset right)
    {
        int byTopic = string.CompareOrdinal(left.Topic, right.Topic);
        return byTopic != 0 ? byTopic : left.Partition.CompareTo(right.Partition);
    }

    /// <summary>
    /// The retention sweep (Kafka's cleanupExpiredOffsets + group cleanup). Which offsets may expire:
    /// <list type="bullet">
    /// <item>Empty group with a protocol type: all, counted from when the group became Empty;</item>
    /// <item>Stable "consumer" group with known subscriptions: offsets of topics nobody subscribes to,
    /// counted from their commit;</item>
    /// <item>simple group (never had members): all, counted from their commit;</item>
    /// <item>otherwise none.</item>
    /// </list>
    /// An offset committed with an explicit retention (v2–v4) expires at its own expiry time instead. An
    /// Empty group left without offsets is deleted.
    /// </summary>
    private void HandleExpireOffsets(long nowMs)
    {
        if (_state == GroupState.Dead)
        {
            return;
        }

        bool countFromStateChange;
        if (_protocolType is not null)
        {
            if (_state == GroupState.Empty)
            {
                countFromStateChange = true;
            }
            else if (_state == GroupState.Stable
                && string.Equals(_protocolType, ConsumerProtocolType, StringComparison.Ordinal)
                && _subscribedTopics is not null)
            {
                countFromStateChange = false;
            }
            else
            {
                return;
            }
        }
        else
        {
            countFromStateChange = false;
        }

        List<TopicPartition>? expired = null;
        bool allExpired = true;
        foreach (var (partition, offset) in _offsets)
        {
            if (IsSubscribedToTopic(partition.Topic))
            {
                allExpired = false;
                continue;
            }

            bool isExpired = offset.ExpireTimestampMs is { } expireAt
                ? nowMs >= expireAt
                : nowMs - (countFromStateChange ? _stateTimestampMs : offset.CommitTimestampMs) >= _config.OffsetsRetentionMs;
            if (isExpired)
            {
                (expired ??= []).Add(partition);
            }
            else
            {
                allExpired = false;
            }
        }

        if (expired is not null)
        {
            expired.Sort(static (left, right) =>
            {
                int byTopic = string.CompareOrdinal(left.Topic, right.Topic);
                return byTopic != 0 ? byTopic : left.Partition.CompareTo(right.Partition);
            });
            Emit(new GroupEvents.OffsetsExpired(expired.ToArray(), nowMs));
        }

        if (allExpired && _state == GroupState.Empty)
        {
            ResetSessionState();
            Emit(new GroupEvents.GroupDeleted(nowMs));
        }
    }

    private bool IsSubscribedToTopic(string topic) =>
        _subscribedTopics is not null
            ? _subscribedTopics.Contains(topic)
            : string.Equals(_protocolType, ConsumerProtocolType, StringComparison.Ordinal);
}
