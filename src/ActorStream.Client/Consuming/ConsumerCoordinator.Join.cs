using ActorStream.Client.Consuming.Assignors;
using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Consuming;

/// <content>
/// Joining: revoke what must go first, JoinGroup (retrying MEMBER_ID_REQUIRED with the id the
/// coordinator handed out, KIP-394), the leader's assignment, SyncGroup, then handing the result to
/// the application thread. Under cooperative rebalancing a member that lost partitions revokes
/// just those and rejoins at once, so that the follow-up rebalance can give them to their new owner.
/// </content>
internal sealed partial class ConsumerCoordinator
{
    private const string ProtocolType = "consumer";

    /// <summary>A JoinGroup (or SyncGroup) waits for the whole rebalance: up to the rebalance timeout, plus slack as in the Java client.</summary>
    private TimeSpan JoinTimeout => Settings.MaxPollInterval + TimeSpan.FromSeconds(5) > Settings.RequestTimeout
        ? Settings.MaxPollInterval + TimeSpan.FromSeconds(5)
        : Settings.RequestTimeout;

    /// <summary>One join attempt; false when the caller should back off before the next.</summary>
    private async Task<bool> JoinGroupAsync(CancellationToken token)
    {
        if (!await PrepareJoinAsync(token).ConfigureAwait(false))
        {
            return true;
        }

        // This join answers every rejoin request so far (heartbeats during the revocation above keep
        // reporting the rebalance it is part of); requests from here on lead to another join. Until it
        // completes the member is not Stable, so a failed attempt is retried rather than forgotten.
        Interlocked.Exchange(ref _rejoinRequested, 0);
        if (_state == MemberState.Stable)
        {
            _state = MemberState.Unjoined;
        }

        var subscription = _core.Subscription;
        if (subscription.Count == 0)
        {
            return true;
        }

        // Fresh metadata for the subscription first, as the Java client does: the partition counts
        // this member compares against after the rebalance must be the ones the leader saw.
        await Cluster.RefreshMetadataAsync(subscription, Settings.AllowAutoCreateTopics, token).ConfigureAwait(false);
        var membershipEpoch = _core.MembershipEpoch;
        var reason = Volatile.Read(ref _rejoinReason);
        JoinGroupResponse join;
        while (true)
        {
            join = await SendAsync<JoinGroupResponse>(ApiKey.JoinGroup, version => BuildJoinGroup(version, subscription, reason), JoinTimeout, MembershipLane, token)
                .ConfigureAwait(false);
            if ((ErrorCode)join.ErrorCode == ErrorCode.MemberIdRequired)
            {
                Volatile.Write(ref _memberId, join.MemberId);
                continue;
            }

            break;
        }

        var joinError = (ErrorCode)join.ErrorCode;
        if (joinError != ErrorCode.None)
        {
            return OnMembershipError("JoinGroup", joinError);
        }

        Volatile.Write(ref _memberId, join.MemberId);
        var protocol = join.ProtocolName ?? string.Empty;
        var isLeader = string.Equals(join.Leader, join.MemberId, StringComparison.Ordinal);
        var assignments = new List<SyncGroupRequest.SyncGroupRequestAssignment>();
        Dictionary<string, int>? leaderSnapshot = null;
        if (isLeader && !join.SkipAssignment)
        {
            leaderSnapshot = await AssignAsync(join, protocol, assignments, token).ConfigureAwait(false);
        }

        var generationId = join.GenerationId;
        var sync = await SendAsync<SyncGroupResponse>(ApiKey.SyncGroup, _ => new SyncGroupRequest
        {
            GroupId = _groupId,
            GenerationId = generationId,
            MemberId = join.MemberId,
            GroupInstanceId = _instanceId,
            ProtocolType = ProtocolType,
            ProtocolName = protocol,
            Assignments = assignments,
        }, JoinTimeout, MembershipLane, token).ConfigureAwait(false);
        var syncError = (ErrorCode)sync.ErrorCode;
        if (syncError != ErrorCode.None)
        {
            return OnMembershipError("SyncGroup", syncError);
        }

        var assigned = ReadAssignment(sync.Assignment);
        var now = _core.Time.GetTimestamp();
        Volatile.Write(ref _generation, new GroupGeneration(generationId, join.MemberId, _instanceId, protocol));
        _state = MemberState.Stable;
        _nextHeartbeat = now + _core.Ticks(Settings.HeartbeatInterval);
        _lastHeartbeatOk = now;
        _heartbeatFailures = 0;
        _topicSnapshot = leaderSnapshot ?? SnapshotTopics(subscription);
        Log.Joined(_logger, _groupId, join.MemberId, generationId, protocol, isLeader, assigned.Count);
        if (_core.MembershipEpoch != membershipEpoch)
        {
            return true; // unsubscribed meanwhile: the pending leave takes care of it
        }

        if (Settings.Cooperative)
        {
            var revoked = Except(_owned, assigned);
            var added = Except(assigned, _owned);
            _owned = assigned;
            TaskCompletionSource? done = null;
            if (revoked.Count > 0)
            {
                done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _core.Post(new ConsumerEvents.PartitionsRevoked(revoked, false, done));
            }

            _core.Post(new ConsumerEvents.PartitionsAssigned(added, true, membershipEpoch));
            _lastAssignment = assigned;
            _lastAssignmentGeneration = generationId;
            if (done is not null && await AwaitRevocationAsync(done, token).ConfigureAwait(false))
            {
                RequestRejoin("partitions were revoked for reassignment", generationLost: false);
            }
        }
        else
        {
            _owned = assigned;
            _core.Post(new ConsumerEvents.PartitionsAssigned([.. assigned], false, membershipEpoch));
            _lastAssignment = assigned;
            _lastAssignmentGeneration = generationId;
        }

        return true;
    }

    /// <summary>
    /// Revokes before joining: everything under eager rebalancing, under cooperative only partitions of
    /// topics no longer subscribed, and everything as lost when the generation is gone. Waits until the
    /// application thread has dropped them; false if the poll interval passed meanwhile.
    /// </summary>
    private async Task<bool> PrepareJoinAsync(CancellationToken token)
    {
        if (_owned.Count == 0)
        {
            return true;
        }

        List<TopicPartition> revoke;
        var lost = _generation is null;
        if (lost || !Settings.Cooperative)
        {
            revoke = _owned;
            _owned = [];
        }
        else
        {
            var subscription = new HashSet<string>(_core.Subscription, StringComparer.Ordinal);
            revoke = [];
            var keep = new List<TopicPartition>();
            foreach (var partition in _owned)
            {
                (subscription.Contains(partition.Topic) ? keep : revoke).Add(partition);
            }

            if (revoke.Count == 0)
            {
                return true;
            }

            _owned = keep;
        }

        Log.Revoking(_logger, _groupId, revoke.Count, lost);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _core.Post(new ConsumerEvents.PartitionsRevoked(revoke, lost, done));
        return await AwaitRevocationAsync(done, token).ConfigureAwait(false);
    }

    /// <summary>Waits for the application thread to finish a revocation, heartbeating meanwhile; false if the poll interval passed.</summary>
    private async Task<bool> AwaitRevocationAsync(TaskCompletionSource done, CancellationToken token)
    {
        while (!done.Task.IsCompleted)
        {
            var now = _core.Time.GetTimestamp();
            if (!_core.PolledRecently(now))
            {
                await OnPollTimeoutAsync(token).ConfigureAwait(false);
                return false;
            }

            var wakeAt = _generation is null ? now + _core.Ticks(TimeSpan.FromSeconds(1)) : Math.Max(_nextHeartbeat, now);
            wakeAt = Math.Min(wakeAt, _core.LastPoll + _core.Ticks(Settings.MaxPollInterval) + 1);
            try
            {
                await done.Task.WaitAsync(_core.Elapsed(now, Math.Max(wakeAt, now)), _core.Time, token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                if (_generation is not null && _core.Time.GetTimestamp() >= _nextHeartbeat)
                {
                    await HeartbeatAsync(token).ConfigureAwait(false);
                }
            }
        }

        return true;
    }

    /// <summary>The leader's part: decode the subscriptions, refresh their topics' metadata, run the group's assignor.</summary>
    private async Task<Dictionary<string, int>> AssignAsync(JoinGroupResponse join, string protocol, List<SyncGroupRequest.SyncGroupRequestAssignment> assignments, CancellationToken token)
    {
        IPartitionAssignor? assignor = null;
        foreach (var candidate in Settings.Assignors)
        {
            if (string.Equals(candidate.Name, protocol, StringComparison.Ordinal))
            {
                assignor = candidate;
            }
        }

        if (assignor is null)
        {
            throw new KafkaException(new KafkaError(ErrorCode.InconsistentGroupProtocol, $"The group chose assignor '{protocol}', which this consumer does not have"));
        }

        var members = new List<AssignorMember>(join.Members.Count);
        var topics = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var member in join.Members)
        {
            var subscription = ConsumerProtocol.ReadSubscription(member.Metadata, out var version);
            var owned = new List<TopicPartition>();
            foreach (var topic in subscription.OwnedPartitions)
            {
                foreach (var partition in topic.Partitions)
                {
                    owned.Add(new TopicPartition(topic.Topic, partition));
                }
            }

            members.Add(new AssignorMember(member.MemberId, member.GroupInstanceId, subscription.Topics, owned,
                version >= 2 ? subscription.GenerationId : -1, subscription.UserData));
            topics.UnionWith(subscription.Topics);
        }

        foreach (var topic in topics)
        {
            Cluster.AddTopic(topic);
        }

        var metadata = await Cluster.RefreshMetadataAsync(topics, Settings.AllowAutoCreateTopics, token).ConfigureAwait(false);
        var partitionsPerTopic = new Dictionary<string, int>(StringComparer.Ordinal);
        var snapshot = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            var count = metadata.TryGetTopic(topic, out var info) && info.IsUsable ? info.PartitionCount : 0;
            snapshot[topic] = count;
            if (count > 0)
            {
                partitionsPerTopic[topic] = count;
            }
        }

        var result = assignor.Assign(partitionsPerTopic, members);
        foreach (var member in members)
        {
            var assignment = new ConsumerProtocolAssignment();
            if (result.TryGetValue(member.MemberId, out var partitions))
            {
                foreach (var partition in partitions)
                {
                    if (assignment.AssignedPartitions.Count == 0
                        || !string.Equals(assignment.AssignedPartitions[^1].Topic, partition.Topic, StringComparison.Ordinal))
                    {
                        assignment.AssignedPartitions.Add(new ConsumerProtocolAssignment.TopicPartition { Topic = partition.Topic });
                    }

                    assignment.AssignedPartitions[^1].Partitions.Add(partition.Partition.Value);
                }
            }

            assignments.Add(new SyncGroupRequest.SyncGroupRequestAssignment
            {
                MemberId = member.MemberId,
                Assignment = ConsumerProtocol.Write(assignment, ConsumerProtocolAssignment.HighestSupportedVersion),
            });
        }

        Log.Assigned(_logger, _groupId, assignor.Name, members.Count, partitionsPerTopic.Count);
        return snapshot;
    }

    private JoinGroupRequest BuildJoinGroup(short version, List<string> topics, string reason)
    {
        if (_instanceId is not null && version < 5)
        {
            throw new KafkaException(new KafkaError(LocalErrorCode.UnsupportedFeature, ErrorCode.UnsupportedVersion,
                "group.instance.id needs JoinGroup v5 or later, which the coordinator does not offer"));
        }

        var request = new JoinGroupRequest
        {
            GroupId = _groupId,
            SessionTimeoutMs = (int)Settings.SessionTimeout.TotalMilliseconds,
            RebalanceTimeoutMs = (int)Settings.MaxPollInterval.TotalMilliseconds,
            MemberId = _memberId,
            GroupInstanceId = _instanceId,
            ProtocolType = ProtocolType,
            Reason = reason.Length == 0 ? null : reason,
        };
        var generation = _generation?.GenerationId ?? -1;
        foreach (var assignor in Settings.Assignors)
        {
            var subscription = new ConsumerProtocolSubscription
            {
                Topics = [.. topics],
                UserData = assignor.SubscriptionUserData(_lastAssignment, _lastAssignmentGeneration),
                GenerationId = generation,
                RackId = Settings.ClientRack,
            };
            foreach (var partition in _owned)
            {
                if (subscription.OwnedPartitions.Count == 0
                    || !string.Equals(subscription.OwnedPartitions[^1].Topic, partition.Topic, StringComparison.Ordinal))
                {
                    subscription.OwnedPartitions.Add(new ConsumerProtocolSubscription.TopicPartition { Topic = partition.Topic });
                }

                subscription.OwnedPartitions[^1].Partitions.Add(partition.Partition.Value);
            }

            request.Protocols.Add(new JoinGroupRequest.JoinGroupRequestProtocol
            {
                Name = assignor.Name,
                Metadata = ConsumerProtocol.Write(subscription, ConsumerProtocolSubscription.HighestSupportedVersion),
            });
        }

        return request;
    }

    /// <summary>Reacts to a JoinGroup or SyncGroup error; false when the loop should back off before retrying.</summary>
    private bool OnMembershipError(string api, ErrorCode error)
    {
        Log.MembershipError(_logger, _groupId, api, error);
        switch (error)
        {
            case ErrorCode.UnknownMemberId:
                ResetGeneration(resetMemberId: true);
                return true;
            case ErrorCode.IllegalGeneration:
                ResetGeneration(resetMemberId: false);
                return true;
            case ErrorCode.RebalanceInProgress:
                // SyncGroup: a new rebalance began before this one finished; join it at once.
                _state = MemberState.Unjoined;
                return true;
            case ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable:
                Cluster.InvalidateCoordinator(CoordinatorType.Group, _groupId);
                _state = MemberState.Unjoined;
                return false;
            case ErrorCode.CoordinatorLoadInProgress:
                _state = MemberState.Unjoined;
                return false;
            case ErrorCode.FencedInstanceId:
                Fail(new KafkaError(error, $"Another consumer joined group {_groupId} with group.instance.id {_instanceId}; this one is fenced"));
                return true;
            case ErrorCode.InconsistentGroupProtocol or ErrorCode.InvalidSessionTimeout or ErrorCode.InvalidGroupId
                or ErrorCode.GroupAuthorizationFailed or ErrorCode.GroupMaxSizeReached or ErrorCode.UnsupportedVersion:
                _state = MemberState.Unjoined;
                _core.Post(new ConsumerEvents.ConsumerError(new KafkaError(error, $"{api} for group {_groupId} failed: {error.GetKafkaName()}"), true));
                return false;
            default:
                _state = MemberState.Unjoined;
                return false;
        }
    }

    /// <summary>Ends the membership for good (fenced): partitions are lost and Consume throws.</summary>
    private void Fail(KafkaError error)
    {
        _fatal = error;
        _state = MemberState.Fatal;
        ResetGeneration(resetMemberId: true);
        if (_owned.Count > 0)
        {
            _core.Post(new ConsumerEvents.PartitionsRevoked(_owned, true, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
            _owned = [];
        }

        _core.Post(new ConsumerEvents.ConsumerError(error, true));
    }

    private Dictionary<string, int> SnapshotTopics(List<string> topics)
    {
        var metadata = Cluster.Metadata;
        var snapshot = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            // Topics the metadata does not describe stay out: only the leader (which refreshed them) tracks missing topics.
            if (metadata.TryGetTopic(topic, out var info))
            {
                snapshot[topic] = info.IsUsable ? info.PartitionCount : 0;
            }
        }

        return snapshot;
    }

    private static List<TopicPartition> ReadAssignment(byte[] data)
    {
        var result = new List<TopicPartition>();
        if (data.Length == 0)
        {
            return result;
        }

        var assignment = ConsumerProtocol.ReadAssignment(data, out _);
        foreach (var topic in assignment.AssignedPartitions)
        {
            foreach (var partition in topic.Partitions)
            {
                result.Add(new TopicPartition(topic.Topic, partition));
            }
        }

        result.Sort(Assignments.Compare);
        return result;
    }

    private static List<TopicPartition> Except(List<TopicPartition> from, List<TopicPartition> remove)
    {
        var set = new HashSet<TopicPartition>(remove);
        var result = new List<TopicPartition>();
        foreach (var partition in from)
        {
            if (!set.Contains(partition))
            {
                result.Add(partition);
            }
        }

        return result;
    }

    /// <summary>Sends a request to the group coordinator; a lost connection forgets the coordinator so the next attempt looks it up again.</summary>
    private async Task<TResponse> SendAsync<TResponse>(ApiKey apiKey, Func<short, IKafkaRequest> build, TimeSpan? timeout, int lane, CancellationToken token)
        where TResponse : class, IKafkaResponse
    {
        var endpoint = await Cluster.FindCoordinatorAsync(CoordinatorType.Group, _groupId, token).ConfigureAwait(false);
        try
        {
            var connection = await Cluster.Connections.GetAsync(endpoint, lane, token).ConfigureAwait(false);
            var version = connection.Versions.GetVersion(apiKey);
            return await connection.SendAsync<TResponse>(build(version), version, timeout, token).ConfigureAwait(false);
        }
        catch (KafkaException e) when (e.Error.LocalCode is LocalErrorCode.Transport or LocalErrorCode.TimedOut)
        {
            Cluster.InvalidateCoordinator(CoordinatorType.Group, _groupId);
            throw;
        }
    }
}
