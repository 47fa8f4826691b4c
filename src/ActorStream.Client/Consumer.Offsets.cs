using ActorStream.Client.Consuming;

namespace ActorStream.Client;

/// <content>Commits, committed offsets, positions, seeking, pausing, watermarks and closing.</content>
public sealed partial class Consumer<TKey, TValue>
{
    /// <inheritdoc />
    public List<TopicPartitionOffset> Commit()
    {
        ThrowIfClosed();
        return Blocking.Wait(_core.CommitPositionsAsync(CancellationToken.None));
    }

    /// <inheritdoc />
    public void Commit(IEnumerable<TopicPartitionOffset> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ThrowIfClosed();
        Blocking.Wait(_core.CommitAsync([.. offsets], CancellationToken.None));
    }

    /// <inheritdoc />
    public void Commit(ConsumeResult<TKey, TValue> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsPartitionEOF)
        {
            throw new ArgumentException("An end-of-partition result has no record to commit.", nameof(result));
        }

        Commit([new TopicPartitionOffset(result.TopicPartition, result.Offset + 1, result.LeaderEpoch)]);
    }

    /// <inheritdoc />
    public Task<List<TopicPartitionOffset>> CommitAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        return _core.CommitPositionsAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task CommitAsync(IEnumerable<TopicPartitionOffset> offsets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ThrowIfClosed();
        return _core.CommitAsync([.. offsets], cancellationToken);
    }

    /// <inheritdoc />
    public List<TopicPartitionOffset> Committed(TimeSpan timeout) => Committed(_core.Assignment, timeout);

    /// <inheritdoc />
    public List<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout)
    {
        ThrowIfClosed();
        return Blocking.Wait(_core.CommittedAsync(partitions, timeout, CancellationToken.None));
    }

    /// <inheritdoc />
    public Offset Position(TopicPartition partition)
    {
        ThrowIfClosed();
        return _core.Position(partition);
    }

    /// <inheritdoc />
    public void Seek(TopicPartitionOffset position)
    {
        ThrowIfClosed();
        _core.Seek(position);
    }

    /// <inheritdoc />
    public void SeekToBeginning(IEnumerable<TopicPartition> partitions)
    {
        ThrowIfClosed();
        _core.SeekTo(partitions, beginning: true);
    }

    /// <inheritdoc />
    public void SeekToEnd(IEnumerable<TopicPartition> partitions)
    {
        ThrowIfClosed();
        _core.SeekTo(partitions, beginning: false);
    }

    /// <inheritdoc />
    public void Pause(IEnumerable<TopicPartition> partitions)
    {
        ThrowIfClosed();
        _core.SetPaused(partitions, paused: true);
    }

    /// <inheritdoc />
    public void Resume(IEnumerable<TopicPartition> partitions)
    {
        ThrowIfClosed();
        _core.SetPaused(partitions, paused: false);
    }

    /// <inheritdoc />
    public WatermarkOffsets GetWatermarkOffsets(TopicPartition partition)
    {
        ThrowIfClosed();
        return _core.GetWatermarkOffsets(partition);
    }

    /// <inheritdoc />
    public WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout)
    {
        ThrowIfClosed();
        return Blocking.Wait(_core.QueryWatermarkOffsetsAsync(partition, timeout, CancellationToken.None));
    }

    /// <inheritdoc />
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            if (_core.Coordinator is { } coordinator)
            {
                // No new rebalance work from here on; what was already decided is applied below.
                Blocking.Wait(coordinator.StopAsync());
                try
                {
                    ProcessEvents();
                }
                catch (ConsumeException)
                {
                    // A fatal group error: nothing more to tell the application while closing.
                }
            }

            RevokeAll();
            if (_core.Coordinator is { } group)
            {
                using var timeout = new CancellationTokenSource(_core.Settings.RequestTimeout, _core.Time);
                Blocking.Wait(group.CloseAsync(timeout.Token));
            }
        }
        finally
        {
            Blocking.Wait(_core.DisposeAsync().AsTask());
        }
    }
}
