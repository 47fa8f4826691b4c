using ActorStream.Client.Network;
using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Consuming;

/// <summary>
/// The key- and value-agnostic part of the consumer: the subscription and assignment with each
/// partition's <see cref="PartitionState"/>, the ready queue of partitions with fetched data, the
/// queue of rebalance events for the application thread, and the background parts — the
/// <see cref="Fetcher"/> and, with a group.id, the <see cref="ConsumerCoordinator"/>.
/// <code>
///  Fetcher (background) ──Fetch/ListOffsets/OffsetFetch──► brokers
///     │ buffers CompletedFetch per partition, queues the partition as ready, sets Wakeup
///     ▼
///  Consume (application thread) ─► events (handlers) ─► auto-commit ─► ready partition ─► next record
///     ▲
///  ConsumerCoordinator (background) ── Join/Sync/Heartbeat/Leave ──► group coordinator
///     queues PartitionsRevoked / PartitionsAssigned / ConsumerError, sets Wakeup
/// </code>
/// One lock (<see cref="Lock"/>) guards the assignment, every <see cref="PartitionState"/>, the ready
/// queue and the event queue; it is never held across an await or a user callback. The record
/// iteration state (<c>_current</c>) belongs to the thread that calls Consume.
/// </summary>
internal sealed partial class ConsumerCore : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TopicPartition, PartitionState> _assigned = [];
    private readonly Queue<PartitionState> _ready = new();
    private readonly Queue<ConsumerEvents.IConsumerEvent> _events = new();
    private readonly ILogger _logger;
    private readonly long _autoCommitTicks;
    private List<string> _subscription = [];
    private SubscriptionMode _mode;
    private int _membershipEpoch;
    private readonly CancellationTokenSource _closing = new();
    private bool _failurePending;
    private int _eventCount;
    private long _lastPoll;
    private int _inPoll;
    private long _nextAutoCommit;
    private Task? _autoCommit;
    private int _closed;

    public ConsumerCore(string name, ConsumerSettings settings, NetworkSettings network)
    {
        Name = name;
        Settings = settings;
        Cluster = new KafkaCluster(network);
        Time = network.TimeProvider;
        _logger = network.LoggerFactory.CreateLogger<ConsumerCore>();
        _autoCommitTicks = Ticks(settings.AutoCommitInterval);
        _lastPoll = Time.GetTimestamp();
        _nextAutoCommit = _lastPoll + _autoCommitTicks;
        Fetcher = new Fetcher(this, network.LoggerFactory.CreateLogger<Fetcher>());
        Coordinator = settings.GroupId is null ? null : new ConsumerCoordinator(this, network.LoggerFactory.CreateLogger<ConsumerCoordinator>());
        Cluster.Changed += OnClusterChanged;
        Cluster.StartMetadataRefresh(settings.AllowAutoCreateTopics, Timeout.InfiniteTimeSpan);
        Fetcher.Start();
        Coordinator?.Start();
    }

    /// <summary>How the consumer gets its partitions.</summary>
    public enum SubscriptionMode
    {
        /// <summary>Neither subscribed nor assigned.</summary>
        None,

        /// <summary>Subscribe: the group assigns partitions.</summary>
        Subscribe,

        /// <summary>Assign: the application picks partitions.</summary>
        Assign,
    }

    public string Name { get; }

    public ConsumerSettings Settings { get; }

    public KafkaCluster Cluster { get; }

    public TimeProvider Time { get; }

    public Lock Lock => _lock;

    public ConsumerWakeup Wakeup { get; } = new();

    public Fetcher Fetcher { get; }

    /// <summary>The group membership, or null without a group.id.</summary>
    public ConsumerCoordinator? Coordinator { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>The assigned partitions; the caller holds <see cref="Lock"/>.</summary>
    public Dictionary<TopicPartition, PartitionState>.ValueCollection AssignedLocked => _assigned.Values;

    /// <summary>Bumped by Unsubscribe: rebalance results from before are stale.</summary>
    public int MembershipEpoch
    {
        get
        {
            lock (_lock)
            {
                return _membershipEpoch;
            }
        }
    }

    public SubscriptionMode Mode
    {
        get
        {
            lock (_lock)
            {
                return _mode;
            }
        }
    }

    /// <summary>The subscribed topics, sorted (empty unless subscribed).</summary>
    public List<string> Subscription
    {
        get
        {
            lock (_lock)
            {
                return [.. _subscription];
            }
        }
    }

    /// <summary>
    /// True while the application is inside Consume or has called it within max.poll.interval.ms.
    /// Inside Consume (waiting for data or running handlers) counts as polling, as in the Java client.
    /// </summary>
    public bool PolledRecently(long now) =>
        Volatile.Read(ref _inPoll) > 0 || now - Volatile.Read(ref _lastPoll) <= Ticks(Settings.MaxPollInterval);

    /// <summary>TimeProvider timestamp of the last Consume call (its start or end).</summary>
    public long LastPoll => Volatile.Read(ref _lastPoll);

    /// <summary>Marks the start of a Consume call.</summary>
    public void BeginPoll()
    {
        Interlocked.Increment(ref _inPoll);
        Volatile.Write(ref _lastPoll, Time.GetTimestamp());
        Coordinator?.OnPoll();
    }

    /// <summary>Marks the end of a Consume call.</summary>
    public void EndPoll()
    {
        Volatile.Write(ref _lastPoll, Time.GetTimestamp());
        Interlocked.Decrement(ref _inPoll);
    }

    /// <summary>Queues an event for the application thread and wakes it.</summary>
    public void Post(ConsumerEvents.IConsumerEvent consumerEvent)
    {
        lock (_lock)
        {
            _events.Enqueue(consumerEvent);
            _eventCount = _events.Count;
        }

        Wakeup.Set();
    }

    /// <summary>The next queued event, if any.</summary>
    public bool TryTakeEvent(out ConsumerEvents.IConsumerEvent? consumerEvent)
    {
        if (Volatile.Read(ref _eventCount) == 0)
        {
            consumerEvent = null;
            return false; // the per-record path: no lock while nothing is queued
        }

        lock (_lock)
        {
            var taken = _events.TryDequeue(out consumerEvent);
            _eventCount = _events.Count;
            return taken;
        }
    }

    /// <summary>Drops every queued event, completing revocations so that nothing waits on them.</summary>
    public void DiscardEvents()
    {
        List<ConsumerEvents.PartitionsRevoked>? revoked = null;
        lock (_lock)
        {
            while (_events.TryDequeue(out var queued))
            {
                if (queued is ConsumerEvents.PartitionsRevoked r)
                {
                    (revoked ??= []).Add(r);
                }
            }

            _eventCount = 0;
        }

        foreach (var r in revoked ?? [])
        {
            r.Done.TrySetResult();
        }
    }

    /// <summary>Stops the background loops and closes the connections. The caller did the group goodbye (<see cref="ConsumerCoordinator.CloseAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        Cluster.Changed -= OnClusterChanged;
        await _closing.CancelAsync().ConfigureAwait(false);
        if (Coordinator is not null)
        {
            await Coordinator.StopAsync().ConfigureAwait(false);
        }

        await Fetcher.StopAsync().ConfigureAwait(false);
        if (_autoCommit is { } pending)
        {
            await pending.ConfigureAwait(false);
        }

        DiscardEvents();
        await Cluster.DisposeAsync().ConfigureAwait(false);
        _closing.Dispose();
        Wakeup.Set();
    }

    internal long Ticks(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)(span.TotalSeconds * Time.TimestampFrequency);

    internal TimeSpan Elapsed(long from, long to) => TimeSpan.FromSeconds((double)(to - from) / Time.TimestampFrequency);

    private void OnClusterChanged()
    {
        Fetcher.Wake();
        Coordinator?.Wake();
    }
}
