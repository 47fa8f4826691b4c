using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Consuming;

/// <content>Heartbeats, the max.poll.interval.ms watchdog and leaving the group.</content>
internal sealed partial class ConsumerCoordinator
{
    private async Task HeartbeatAsync(CancellationToken token)
    {
        var generation = _generation;
        if (generation is null)
        {
            return;
        }

        var now = _core.Time.GetTimestamp();
        _nextHeartbeat = now + _core.Ticks(Settings.HeartbeatInterval);
        HeartbeatResponse response;
        try
        {
            response = await SendAsync<HeartbeatResponse>(ApiKey.Heartbeat, _ => new HeartbeatRequest
            {
                GroupId = _groupId,
                GenerationId = generation.GenerationId,
                MemberId = generation.MemberId,
                GroupInstanceId = _instanceId,
            }, null, MembershipLane, token).ConfigureAwait(false);
        }
        catch (KafkaException e) when (e.Error.IsRetriable)
        {
            // The coordinator moved or is unreachable: look it up again soon; the session may still be alive.
            Log.HeartbeatFailed(_logger, _groupId, e.Error);
            _nextHeartbeat = _core.Time.GetTimestamp() + _core.Ticks(Backoff.Compute(Settings.RetryBackoff, Settings.RetryBackoffMax, _heartbeatFailures++));
            return;
        }

        var error = (ErrorCode)response.ErrorCode;
        switch (error)
        {
            case ErrorCode.None:
                _heartbeatFailures = 0;
                _lastHeartbeatOk = _core.Time.GetTimestamp();
                break;
            case ErrorCode.RebalanceInProgress:
                // The generation stays valid until we rejoin: revoked partitions can still be committed.
                RequestRejoin("the group is rebalancing", generationLost: false);
                break;
            case ErrorCode.IllegalGeneration:
                Log.GenerationLost(_logger, _groupId, generation.GenerationId, error);
                ResetGeneration(resetMemberId: false);
                break;
            case ErrorCode.UnknownMemberId:
                Log.GenerationLost(_logger, _groupId, generation.GenerationId, error);
                ResetGeneration(resetMemberId: true);
                break;
            case ErrorCode.FencedInstanceId:
                Fail(new KafkaError(error, $"Another consumer joined group {_groupId} with group.instance.id {_instanceId}; this one is fenced"));
                break;
            case ErrorCode.NotCoordinator or ErrorCode.CoordinatorNotAvailable:
                Cluster.InvalidateCoordinator(CoordinatorType.Group, _groupId);
                _nextHeartbeat = _core.Time.GetTimestamp() + _core.Ticks(Settings.RetryBackoff);
                break;
            default:
                Log.HeartbeatError(_logger, _groupId, error);
                _nextHeartbeat = _core.Time.GetTimestamp() + _core.Ticks(Settings.RetryBackoff);
                break;
        }
    }

    /// <summary>
    /// The application did not call Consume within max.poll.interval.ms: leave the group (dynamic
    /// members; a static member just lets its session run out) so its partitions go to the others,
    /// report them lost, and rejoin only when the application polls again.
    /// </summary>
    private async Task OnPollTimeoutAsync(CancellationToken token)
    {
        Log.PollTimeout(_logger, _groupId, (long)Settings.MaxPollInterval.TotalMilliseconds);
        if (_memberId.Length > 0 && _instanceId is null)
        {
            try
            {
                await SendLeaveGroupAsync("consumer poll timeout has expired", token).ConfigureAwait(false);
            }
            catch (KafkaException e)
            {
                Log.LeaveFailed(_logger, _groupId, e.Message);
            }
        }

        ResetGeneration(resetMemberId: true);
        if (_owned.Count > 0)
        {
            _core.Post(new ConsumerEvents.PartitionsRevoked(_owned, true, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
            _owned = [];
        }

        _core.Post(new ConsumerEvents.ConsumerError(new KafkaError(LocalErrorCode.MaxPollExceeded, ErrorCode.RebalanceInProgress,
            $"Consume was not called within max.poll.interval.ms ({Settings.MaxPollInterval.TotalMilliseconds:0} ms): the consumer left group {_groupId} and will rejoin"), false));
        _expiredPollMark = _core.LastPoll;
        Volatile.Write(ref _awaitingPoll, true);
    }

    /// <summary>Unsubscribe: the application already revoked everything; say goodbye and forget the membership.</summary>
    private async Task LeaveNowAsync(string reason, CancellationToken token)
    {
        if (_memberId.Length > 0 && _instanceId is null)
        {
            try
            {
                await SendLeaveGroupAsync(reason, token).ConfigureAwait(false);
            }
            catch (KafkaException e)
            {
                Log.LeaveFailed(_logger, _groupId, e.Message);
            }
        }

        ResetGeneration(resetMemberId: true);
        _owned = [];
        _lastAssignment = [];
        _lastAssignmentGeneration = -1;
        _topicSnapshot = new Dictionary<string, int>(StringComparer.Ordinal);
        Interlocked.Exchange(ref _rejoinRequested, 0);
    }

    private async Task SendLeaveGroupAsync(string reason, CancellationToken token)
    {
        var memberId = _memberId;
        var response = await SendAsync<LeaveGroupResponse>(ApiKey.LeaveGroup, version =>
        {
            var request = new LeaveGroupRequest { GroupId = _groupId };
            if (version >= 3)
            {
                request.Members.Add(new LeaveGroupRequest.MemberIdentity { MemberId = memberId, GroupInstanceId = _instanceId, Reason = reason });
            }
            else
            {
                request.MemberId = memberId;
            }

            return request;
        }, Settings.RequestTimeout, MembershipLane, token).ConfigureAwait(false);
        var error = (ErrorCode)response.ErrorCode;
        if (error == ErrorCode.None)
        {
            foreach (var member in response.Members)
            {
                if (member.ErrorCode != 0)
                {
                    error = (ErrorCode)member.ErrorCode;
                }
            }
        }

        Log.Left(_logger, _groupId, memberId, reason, error);
    }
}
