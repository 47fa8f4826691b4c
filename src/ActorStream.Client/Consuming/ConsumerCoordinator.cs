using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;
using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Consuming;

/// <summary>
/// The consumer's group membership (Kafka's ConsumerCoordinator, classic protocol), run by one
/// background loop:
/// <code>
///            subscribe                  JoinGroup + SyncGroup
///  Unjoined ───────────► Joining ──────────────────────────────► Stable ──┐ heartbeat every
///     ▲                   ▲  │ retriable error: back off, retry     │      │ heartbeat.interval.ms
///     │                   │  └──────────────────────────────────────┘ ◄────┘
///     │                   │ REBALANCE_IN_PROGRESS, subscription or partition count changed,
///     │                   └─ cooperative follow-up (revoke first: eager all, cooperative the moved ones)
///     │ ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID / max.poll.interval.ms passed / unsubscribe: partitions lost
///     └──────────────────────────────────────
///  FENCED_INSTANCE_ID (another consumer took our group.instance.id) → Fatal: Consume throws, no more joins
/// </code>
/// The loop never calls the application: revocations and assignments go to the application thread
/// as <see cref="ConsumerEvents"/>; before rejoining it waits (heartbeating) until a revocation is
/// done, so revoked partitions are committed and released before anyone else gets them. Leader
/// election and the assignor run here too. Commits and committed-offset lookups are
/// <see cref="ConsumerCoordinator"/>.Offsets.cs. Thread-safe: the loop owns the membership state;
/// other threads read <see cref="Generation"/> and post requests through flags and <see cref="Wake"/>.
/// </summary>
internal sealed partial class ConsumerCoordinator
{
    /// <summary>Lane for JoinGroup, SyncGroup, Heartbeat and LeaveGroup: a JoinGroup may wait for a whole rebalance.</summary>
    private const int MembershipLane = 2;

    /// <summary>Lane for OffsetCommit and OffsetFetch, so they never queue behind a pending JoinGroup.</summary>
    private const int OffsetsLane = 3;

    private readonly ConsumerCore _core;
    private readonly ILogger _logger;
    private readonly string _groupId;
    private readonly string? _instanceId;
    private readonly AsyncSignal _signal = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private MemberState _state = MemberState.Unjoined;
    private string _memberId = string.Empty;
    private GroupGeneration? _generation;
    private List<TopicPartition> _owned = [];
    private List<TopicPartition> _lastAssignment = [];
    private int _lastAssignmentGeneration = -1;
    private Dictionary<string, int> _topicSnapshot = new(StringComparer.Ordinal);
    private long _nextHeartbeat;
    private long _lastHeartbeatOk;
    private int _heartbeatFailures;
    private bool _awaitingPoll;
    private long _expiredPollMark;
    private int _rejoinRequested;
    private int _generationLostRequested;
    private string _rejoinReason = string.Empty;
    private int _leaveRequested;
    private KafkaError? _fatal;

    public ConsumerCoordinator(ConsumerCore core, ILogger logger)
    {
        _core = core;
        _logger = logger;
        _groupId = core.Settings.GroupId!;
        _instanceId = core.Settings.GroupInstanceId;
    }

    private enum MemberState
    {
        Unjoined,
        Stable,
        Fatal,
    }

    /// <summary>The generation the member belongs to, or null when it has none (not joined, or lost).</summary>
    public GroupGeneration? Generation => Volatile.Read(ref _generation);

    /// <summary>The member id from the coordinator (empty before the first JoinGroup).</summary>
    public string MemberId => Volatile.Read(ref _memberId);

    public string GroupId => _groupId;

    private ConsumerSettings Settings => _core.Settings;

    private KafkaCluster Cluster => _core.Cluster;

    public void Start() => _loop = Task.Run(RunAsync);

    public void Wake() => _signal.Set();

    /// <summary>Makes the loop rejoin; <paramref name="generationLost"/> when the coordinator no longer knows this generation (partitions are lost).</summary>
    public void RequestRejoin(string reason, bool generationLost)
    {
        Volatile.Write(ref _rejoinReason, reason);
        if (generationLost)
        {
            Interlocked.Exchange(ref _generationLostRequested, 1);
        }

        Interlocked.Exchange(ref _rejoinRequested, 1);
        _signal.Set();
    }

    /// <summary>Makes the loop leave the group (after Unsubscribe); the application already revoked the partitions.</summary>
    public void Leave(string reason)
    {
        Volatile.Write(ref _rejoinReason, reason);
        Interlocked.Exchange(ref _leaveRequested, 1);
        _signal.Set();
    }

    /// <summary>Called at every Consume: after a poll timeout the member rejoins only once the application polls again.</summary>
    public void OnPoll()
    {
        if (Volatile.Read(ref _awaitingPoll))
        {
            _signal.Set();
        }
    }

    /// <summary>Stops the loop (no more joins or heartbeats), then leaves the group unless static (KIP-345: static members keep their place).</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        await StopAsync().ConfigureAwait(false);
        if (_memberId.Length > 0 && _instanceId is null)
        {
            try
            {
                await SendLeaveGroupAsync("the consumer is closing", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is KafkaException or OperationCanceledException)
            {
                Log.LeaveFailed(_logger, _groupId, e.Message);
            }
        }

        ResetGeneration(resetMemberId: true);
    }

    /// <summary>Stops the loop; idempotent.</summary>
    public async Task StopAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        _signal.Set();
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (Interlocked.Exchange(ref _leaveRequested, 0) != 0)
                {
                    await LeaveNowAsync(Volatile.Read(ref _rejoinReason), token).ConfigureAwait(false);
                }

                if (_state == MemberState.Fatal || _core.Mode != ConsumerCore.SubscriptionMode.Subscribe)
                {
                    await _signal.WaitAsync(Timeout.InfiniteTimeSpan, _core.Time, token).ConfigureAwait(false);
                    continue;
                }

                if (_awaitingPoll)
                {
                    if (_core.LastPoll == _expiredPollMark)
                    {
                        await _signal.WaitAsync(TimeSpan.FromSeconds(1), _core.Time, token).ConfigureAwait(false);
                        continue;
                    }

                    Volatile.Write(ref _awaitingPoll, false);
                }

                if (Interlocked.Exchange(ref _generationLostRequested, 0) != 0 && _generation is not null)
                {
                    ResetGeneration(resetMemberId: false);
                }

                var rejoin = Interlocked.Exchange(ref _rejoinRequested, 0) != 0;
                if (_state != MemberState.Stable || rejoin)
                {
                    if (await JoinGroupAsync(token).ConfigureAwait(false))
                    {
                        failures = 0;
                    }
                    else
                    {
                        await Task.Delay(Backoff.Compute(Settings.RetryBackoff, Settings.RetryBackoffMax, failures++), _core.Time, token).ConfigureAwait(false);
                    }

                    continue;
                }

                await StableTickAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (KafkaException e)
            {
                Log.LoopError(_logger, _groupId, e.Error);
                await DelayQuietlyAsync(Backoff.Compute(Settings.RetryBackoff, Settings.RetryBackoffMax, failures++), token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The top of the loop: log, back off, go on.
                Log.LoopFailed(_logger, _groupId, e);
                await DelayQuietlyAsync(Settings.RetryBackoffMax, token).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stable: heartbeat when due, watch the poll interval and the partition counts of the subscribed topics.</summary>
    private async Task StableTickAsync(CancellationToken token)
    {
        var now = _core.Time.GetTimestamp();
        if (!_core.PolledRecently(now))
        {
            await OnPollTimeoutAsync(token).ConfigureAwait(false);
            return;
        }

        if (TopicsChanged(out var missing))
        {
            RequestRejoin("the partitions of the subscribed topics changed", generationLost: false);
            return;
        }

        if (now >= _nextHeartbeat)
        {
            if (missing)
            {
                Cluster.RequestMetadataUpdate(); // a subscribed topic may appear any moment
            }

            await HeartbeatAsync(token).ConfigureAwait(false);
            return;
        }

        var pollDeadline = _core.LastPoll + _core.Ticks(Settings.MaxPollInterval) + 1;
        var wakeAt = Math.Min(_nextHeartbeat, pollDeadline);
        await _signal.WaitAsync(_core.Elapsed(now, Math.Max(wakeAt, now)), _core.Time, token).ConfigureAwait(false);
    }

    /// <summary>
    /// True when a topic of the last assignment changed its partition count (as the metadata says now).
    /// <paramref name="missing"/> is set when a subscribed topic did not exist at the last assignment.
    /// </summary>
    private bool TopicsChanged(out bool missing)
    {
        missing = false;
        var metadata = Cluster.Metadata;
        foreach (var (topic, count) in _topicSnapshot)
        {
            missing |= count == 0;
            if (!metadata.TryGetTopic(topic, out var info))
            {
                continue; // not in the metadata yet: unknown, not changed
            }

            var now = info.IsUsable ? info.PartitionCount : 0;
            if (now != count && (now > 0 || info.Error == ErrorCode.UnknownTopicOrPartition))
            {
                Log.TopicChanged(_logger, _groupId, topic, count, now);
                return true;
            }
        }

        return false;
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, _core.Time, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Forgets the generation (and the member id when <paramref name="resetMemberId"/>); owned partitions become lost.</summary>
    private void ResetGeneration(bool resetMemberId)
    {
        Volatile.Write(ref _generation, null);
        _state = _state == MemberState.Fatal ? MemberState.Fatal : MemberState.Unjoined;
        if (resetMemberId)
        {
            Volatile.Write(ref _memberId, string.Empty);
        }
    }
}
