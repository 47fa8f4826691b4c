using ActorStream.Kafka.Protocol;
using Microsoft.Extensions.Logging;

namespace ActorStream.Client.Consuming;

/// <content>
/// Committing positions (explicitly, automatically every auto.commit.interval.ms from Consume, and
/// before revocation), reading committed offsets and querying watermarks. Auto-commit runs on the
/// application thread's Consume, so it only ever commits records handed out by an earlier Consume
/// (at-least-once), and at most one auto-commit is in flight.
/// </content>
internal sealed partial class ConsumerCore
{
    private List<TopicPartitionOffset>? _lastAutoCommitted;

    /// <summary>Starts an auto-commit of the current positions when one is due (called from Consume).</summary>
    public void MaybeAutoCommit()
    {
        if (!Settings.EnableAutoCommit || Coordinator is null)
        {
            return;
        }

        var now = Time.GetTimestamp();
        if (now < _nextAutoCommit || _autoCommit is { IsCompleted: false })
        {
            return;
        }

        _nextAutoCommit = now + _autoCommitTicks;
        if (Mode == SubscriptionMode.Subscribe && Coordinator.Generation is null)
        {
            return;
        }

        var positions = Positions();
        if (positions.Count == 0 || SameOffsets(positions, Volatile.Read(ref _lastAutoCommitted)))
        {
            return;
        }

        _autoCommit = AutoCommitAsync(positions);
    }

    /// <summary>Commits the positions of <paramref name="partitions"/> before they are revoked, when auto-commit is on. Failures are logged.</summary>
    public void CommitBeforeRevoke(List<TopicPartition> partitions)
    {
        if (!Settings.EnableAutoCommit || Coordinator is null || partitions.Count == 0)
        {
            return;
        }

        var positions = Positions(partitions);
        try
        {
            Blocking.Wait(CommitAsync(positions, CancellationToken.None));
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            Log.CommitBeforeRevokeFailed(_logger, Name, e.Message);
        }
    }

    /// <summary>Commits the current positions of every assigned partition; returns what was committed.</summary>
    public async Task<List<TopicPartitionOffset>> CommitPositionsAsync(CancellationToken cancellationToken)
    {
        var positions = Positions();
        await CommitAsync(positions, cancellationToken).ConfigureAwait(false);
        return positions;
    }

    /// <summary>Commits <paramref name="offsets"/> (next offsets to consume) within default.api.timeout.ms.</summary>
    public async Task CommitAsync(IReadOnlyList<TopicPartitionOffset> offsets, CancellationToken cancellationToken)
    {
        var coordinator = RequireGroup("commit offsets");
        foreach (var offset in offsets)
        {
            ArgumentNullException.ThrowIfNull(offset);
            if (offset.Offset.Value < 0)
            {
                throw new ArgumentException($"Cannot commit the special offset {offset.Offset} for {offset.TopicPartition}.", nameof(offsets));
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.DefaultApiTimeout);
        try
        {
            await coordinator.CommitAsync(offsets, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KafkaException(new KafkaError(LocalErrorCode.TimedOut, ErrorCode.RequestTimedOut,
                $"Commit did not complete within default.api.timeout.ms ({Settings.DefaultApiTimeout.TotalMilliseconds:0} ms)"));
        }
    }

    /// <summary>The group's committed offsets of <paramref name="partitions"/> (<see cref="Offset.Unset"/> where none), in the given order.</summary>
    public async Task<List<TopicPartitionOffset>> CommittedAsync(IEnumerable<TopicPartition> partitions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var coordinator = RequireGroup("read committed offsets");
        var wanted = new List<TopicPartition>(partitions);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        Dictionary<TopicPartition, TopicPartitionOffset> committed;
        try
        {
            committed = await coordinator.FetchCommittedAsync(wanted, limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KafkaException(new KafkaError(LocalErrorCode.TimedOut, ErrorCode.RequestTimedOut, $"Committed did not complete within {timeout.TotalMilliseconds:0} ms"));
        }

        var result = new List<TopicPartitionOffset>(wanted.Count);
        foreach (var partition in wanted)
        {
            result.Add(committed.TryGetValue(partition, out var offset) ? offset : new TopicPartitionOffset(partition, Offset.Unset));
        }

        return result;
    }

    /// <summary>The log start offset and high watermark of <paramref name="partition"/>, asked from its leader.</summary>
    public async Task<WatermarkOffsets> QueryWatermarkOffsetsAsync(TopicPartition partition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partition);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        Cluster.AddTopic(partition.Topic);
        var attempts = 0;
        while (true)
        {
            try
            {
                var low = await Fetcher.ListOffsetsAsync([(partition, Fetcher.EarliestTimestamp)], limit.Token).ConfigureAwait(false);
                var high = await Fetcher.ListOffsetsAsync([(partition, Fetcher.LatestTimestamp)], limit.Token).ConfigureAwait(false);
                return new WatermarkOffsets(low[partition], high[partition]);
            }
            catch (KafkaException e) when (e.Error.IsRetriable && !limit.IsCancellationRequested)
            {
                await Task.Delay(Network.Backoff.Compute(Settings.RetryBackoff, Settings.RetryBackoffMax, attempts++), Time, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new KafkaException(new KafkaError(LocalErrorCode.TimedOut, ErrorCode.RequestTimedOut, $"QueryWatermarkOffsets for {partition} did not complete within {timeout.TotalMilliseconds:0} ms"));
            }
        }
    }

    private async Task AutoCommitAsync(List<TopicPartitionOffset> positions)
    {
        try
        {
            await CommitAsync(positions, _closing.Token).ConfigureAwait(false);
            Volatile.Write(ref _lastAutoCommitted, positions);
        }
        catch (Exception e) when (e is KafkaException or OperationCanceledException)
        {
            Log.AutoCommitFailed(_logger, Name, e.Message);
        }
    }

    private ConsumerCoordinator RequireGroup(string what) =>
        Coordinator ?? throw new KafkaException(new KafkaError(LocalErrorCode.State, ErrorCode.InvalidGroupId, $"Cannot {what} without a consumer group: set group.id."));

    private static bool SameOffsets(List<TopicPartitionOffset> a, List<TopicPartitionOffset>? b)
    {
        if (b is null || a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Offset != b[i].Offset || !a[i].TopicPartition.Equals(b[i].TopicPartition))
            {
                return false;
            }
        }

        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6240, Level = LogLevel.Warning, Message = "{Consumer}: auto-commit failed: {Reason}")]
        public static partial void AutoCommitFailed(ILogger logger, string consumer, string reason);

        [LoggerMessage(EventId = 6241, Level = LogLevel.Warning, Message = "{Consumer}: committing revoked partitions failed: {Reason}")]
        public static partial void CommitBeforeRevokeFailed(ILogger logger, string consumer, string reason);
    }
}
