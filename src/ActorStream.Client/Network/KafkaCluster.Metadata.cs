using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Network;

/// <content>
/// The metadata cache. Long-lived clients (producer, consumer) start a background refresh that asks
/// for the topics they use every metadata.max.age.ms, and sooner after <see cref="RequestMetadataUpdate"/>
/// (backing off by retry.backoff.ms between attempts). Short calls (admin) use
/// <see cref="RefreshMetadataAsync"/> directly.
/// </content>
internal sealed partial class KafkaCluster
{
    private readonly object _metadataLock = new(); // a monitor: sync waiters use Monitor.Wait
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TopicUse> _topics = new(StringComparer.Ordinal);
    private readonly AsyncSignal _refreshSignal = new();
    private ClusterMetadata _metadata = ClusterMetadata.Empty;
    private TaskCompletionSource _metadataUpdated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _refreshLoop;
    private int _updateRequested;
    private TimeSpan _topicMaxIdle = Timeout.InfiniteTimeSpan;
    private bool _allowAutoTopicCreation;

    /// <summary>The current snapshot.</summary>
    public ClusterMetadata Metadata => Volatile.Read(ref _metadata);

    /// <summary>
    /// Starts refreshing the metadata of the topics added with <see cref="AddTopic"/> in the background.
    /// Topics not touched for <paramref name="topicMaxIdle"/> are dropped from the refresh.
    /// </summary>
    public void StartMetadataRefresh(bool allowAutoTopicCreation, TimeSpan topicMaxIdle)
    {
        lock (_metadataLock)
        {
            if (_refreshLoop is not null)
            {
                return;
            }

            _allowAutoTopicCreation = allowAutoTopicCreation;
            _topicMaxIdle = topicMaxIdle;
            Interlocked.Exchange(ref _updateRequested, 1);
            _refreshLoop = Task.Run(RefreshLoopAsync);
        }
    }

    /// <summary>Adds <paramref name="topic"/> to the background refresh (or notes that it is still in use); a new topic triggers a refresh.</summary>
    public void AddTopic(string topic)
    {
        var now = _time.GetTimestamp();
        if (_topics.TryGetValue(topic, out var use))
        {
            Volatile.Write(ref use.LastUsed, now); // the per-record path: no lock, no allocation
            return;
        }

        if (_topics.TryAdd(topic, new TopicUse { LastUsed = now }))
        {
            RequestMetadataUpdate();
        }
    }

    /// <summary>Asks the background refresh for new metadata soon (after retry.backoff.ms since the last attempt).</summary>
    public void RequestMetadataUpdate()
    {
        Interlocked.Exchange(ref _updateRequested, 1);
        _refreshSignal.Set();
    }

    /// <summary>
    /// Fetches metadata now and merges it into the cache. <paramref name="topics"/> null asks for every
    /// topic; empty asks for brokers only.
    /// </summary>
    public async Task<ClusterMetadata> RefreshMetadataAsync(IReadOnlyCollection<string>? topics, bool allowAutoTopicCreation = false, CancellationToken cancellationToken = default)
    {
        var (response, _) = await SendToAnyAsync<MetadataResponse>(ApiKey.Metadata, version => BuildMetadataRequest(version, topics, allowAutoTopicCreation), cancellationToken).ConfigureAwait(false);
        return Apply(response, topics is null);
    }

    /// <summary>Completes when the snapshot version exceeds <paramref name="version"/>.</summary>
    public Task WaitForMetadataUpdateAsync(long version, CancellationToken cancellationToken = default)
    {
        Task updated;
        lock (_metadataLock)
        {
            if (_metadata.Version > version)
            {
                return Task.CompletedTask;
            }

            updated = _metadataUpdated.Task;
        }

        return updated.WaitAsync(cancellationToken);
    }

    /// <summary>Blocks until the snapshot version exceeds <paramref name="version"/> or <paramref name="timeout"/> passes; returns true if it did.</summary>
    public bool WaitForMetadataUpdate(long version, TimeSpan timeout)
    {
        lock (_metadataLock)
        {
            var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
            while (_metadata.Version <= version)
            {
                var remaining = deadline - _time.GetTimestamp();
                if (remaining <= 0 || Volatile.Read(ref _disposed) != 0)
                {
                    return false;
                }

                Monitor.Wait(_metadataLock, TimeSpan.FromSeconds(Math.Min((double)remaining / _time.TimestampFrequency, 1.0)));
            }

            return true;
        }
    }

    private static MetadataRequest BuildMetadataRequest(short version, IReadOnlyCollection<string>? topics, bool allowAutoTopicCreation)
    {
        var request = new MetadataRequest { AllowAutoTopicCreation = allowAutoTopicCreation };
        if (topics is null)
        {
            request.Topics = null; // v1+: null = every topic
        }
        else
        {
            request.Topics = new List<MetadataRequest.MetadataRequestTopic>(topics.Count);
            foreach (var topic in topics)
            {
                request.Topics.Add(new MetadataRequest.MetadataRequestTopic { Name = topic });
            }
        }

        _ = version;
        return request;
    }

    private ClusterMetadata Apply(MetadataResponse response, bool allTopics, List<string>? dropped = null)
    {
        ClusterMetadata next;
        TaskCompletionSource updated;
        lock (_metadataLock)
        {
            next = _metadata.Merge(response, allTopics, dropped);
            Volatile.Write(ref _metadata, next);
            updated = _metadataUpdated;
            _metadataUpdated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Monitor.PulseAll(_metadataLock);
        }

        updated.TrySetResult();
        Log.MetadataUpdated(_logger, next.Version, next.BrokerList.Length, next.Topics.Count, next.ControllerId);
        Changed?.Invoke();
        return next;
    }

    private async Task RefreshLoopAsync()
    {
        var token = _disposing.Token;
        var lastSuccess = long.MinValue;
        var lastAttempt = long.MinValue;
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            var now = _time.GetTimestamp();
            var requested = Volatile.Read(ref _updateRequested) != 0;
            var due = requested
                ? (lastAttempt == long.MinValue ? now : lastAttempt + Ticks(Backoff.Compute(_settings.RetryBackoff, _settings.RetryBackoffMax, failures)))
                : (lastSuccess == long.MinValue ? now : lastSuccess + Ticks(_settings.MetadataMaxAge));
            if (now < due)
            {
                try
                {
                    await _refreshSignal.WaitAsync(TimeSpan.FromSeconds((double)(due - now) / _time.TimestampFrequency), _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            Interlocked.Exchange(ref _updateRequested, 0);
            lastAttempt = now;
            var (topics, dropped) = TopicsToRefresh(now);
            try
            {
                var (response, _) = await SendToAnyAsync<MetadataResponse>(ApiKey.Metadata,
                    version => BuildMetadataRequest(version, topics, _allowAutoTopicCreation), token).ConfigureAwait(false);
                Apply(response, allTopics: false, dropped);
                lastSuccess = _time.GetTimestamp();
                failures = 0;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (KafkaException e)
            {
                failures++;
                Interlocked.Exchange(ref _updateRequested, 1);
                Log.MetadataFailed(_logger, e.Error.Reason);
            }
            catch (ObjectDisposedException) when (token.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private (List<string> Topics, List<string>? Dropped) TopicsToRefresh(long now)
    {
        var topics = new List<string>();
        List<string>? dropped = null;
        foreach (var (topic, use) in _topics)
        {
            if (_topicMaxIdle != Timeout.InfiniteTimeSpan && now - Volatile.Read(ref use.LastUsed) > Ticks(_topicMaxIdle))
            {
                (dropped ??= []).Add(topic);
            }
            else
            {
                topics.Add(topic);
            }
        }

        if (dropped is not null)
        {
            foreach (var topic in dropped)
            {
                _topics.TryRemove(topic, out _);
            }
        }

        return (topics, dropped);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    /// <summary>When a topic was last produced to (or otherwise used).</summary>
    private sealed class TopicUse
    {
        public long LastUsed;
    }
}
