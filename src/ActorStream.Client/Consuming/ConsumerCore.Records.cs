namespace ActorStream.Client.Consuming;

/// <content>
/// Taking records from the buffered fetches (the application thread only). Partitions with data
/// wait in a FIFO ready queue; the consumer reads up to max.poll.records from one partition before it
/// moves to the next, so one busy partition cannot starve the others. Per record: one lock to check
/// the partition's epoch and advance its position, no allocation.
/// </content>
internal sealed partial class ConsumerCore
{
    private CompletedFetch? _current;
    private long _currentPosition;
    private int _currentCount;

    /// <summary>Records a partition failure for Consume to report (caller holds the lock).</summary>
    public void FailLocked(PartitionState state, KafkaError error)
    {
        state.Failure = error;
        state.FailureReported = false;
        _failurePending = true;
    }

    /// <summary>Queues fetched data (caller holds the lock); wakes the consumer when the partition becomes ready.</summary>
    public void EnqueueLocked(PartitionState state, CompletedFetch fetch)
    {
        state.Buffered.Enqueue(fetch);
        if (!state.Ready)
        {
            state.Ready = true;
            _ready.Enqueue(state);
        }
    }

    /// <summary>
    /// The next record, or an end-of-partition marker (<paramref name="eof"/>). Throws
    /// <see cref="ConsumeException"/> for a partition failure (once) or a corrupt batch.
    /// </summary>
    public bool TryNextRecord(out RawRecord record, out PartitionState? partition, out bool eof)
    {
        record = default;
        partition = null;
        eof = false;
        if (Volatile.Read(ref _failurePending))
        {
            ThrowPendingFailure();
        }

        while (true)
        {
            if (_current is null && !TryTakeReady())
            {
                return false;
            }

            var fetch = _current!;
            var state = fetch.Partition;
            if (fetch.IsEof)
            {
                _current = null;
                lock (_lock)
                {
                    if (state.Removed || state.Epoch != fetch.Epoch || state.Position != fetch.HighWatermark)
                    {
                        continue; // records arrived after the marker was queued
                    }

                    RequeueLocked(state);
                }

                partition = state;
                eof = true;
                record = new RawRecord(fetch.HighWatermark, -1, 0, TimestampType.NotAvailable, default, true, default, true, default, 0);
                return true;
            }

            // Only this thread moves a position without bumping the epoch, so _currentPosition stays
            // right for as long as the epoch matches, and one lock per record suffices.
            if (fetch.TryNext(_currentPosition, Settings.CheckCrcs, out record))
            {
                lock (_lock)
                {
                    if (state.Epoch != fetch.Epoch || state.Removed)
                    {
                        _current = null;
                        continue;
                    }

                    _currentPosition = record.Offset + 1;
                    state.Position = record.Offset + 1;
                    state.PositionLeaderEpoch = record.LeaderEpoch;
                    if (++_currentCount >= Settings.MaxPollRecords)
                    {
                        // Give the other ready partitions a turn; this fetch is read again later.
                        state.Current = fetch;
                        _current = null;
                        RequeueLocked(state);
                    }
                }

                partition = state;
                return true;
            }

            _current = null;
            if (fetch.Error is { } error)
            {
                lock (_lock)
                {
                    if (state.Epoch == fetch.Epoch && !state.Removed)
                    {
                        // Not fetched again until the application seeks past the bad batch.
                        state.Failure = error;
                        state.FailureReported = true;
                        state.Buffered.Clear();
                    }
                }

                throw new ConsumeException(RawPosition(state.TopicPartition, fetch.ErrorOffset), error);
            }

            lock (_lock)
            {
                if (state.Epoch == fetch.Epoch && !state.Removed)
                {
                    // Past control batches and compacted gaps at the end of the fetch.
                    state.Position = Math.Max(state.Position, fetch.NextOffset);
                    RequeueLocked(state);
                }
            }

            Fetcher.Wake(); // a buffer slot is free
        }
    }

    /// <summary>A raw result naming a position, for <see cref="ConsumeException.ConsumerRecord"/>.</summary>
    internal static ConsumeResult<byte[], byte[]> RawPosition(TopicPartition partition, long offset) => new()
    {
        Topic = partition.Topic,
        Partition = partition.Partition,
        Offset = offset,
    };

    private bool TryTakeReady()
    {
        lock (_lock)
        {
            while (_ready.TryDequeue(out var state))
            {
                state.Ready = false;
                if (state.Removed || state.Paused)
                {
                    continue;
                }

                var fetch = state.Current;
                state.Current = null;
                while (fetch is null || fetch.Epoch != state.Epoch)
                {
                    if (!state.Buffered.TryDequeue(out fetch))
                    {
                        break;
                    }
                }

                if (fetch is null || fetch.Epoch != state.Epoch)
                {
                    continue;
                }

                _current = fetch;
                _currentPosition = state.Position;
                _currentCount = 0;
                return true;
            }
        }

        return false;
    }

    /// <summary>Puts the partition back in the ready queue if it still has data (caller holds the lock).</summary>
    private void RequeueLocked(PartitionState state)
    {
        if (!state.Ready && (state.Current is not null || state.Buffered.Count > 0))
        {
            state.Ready = true;
            _ready.Enqueue(state);
        }
    }

    private void ThrowPendingFailure()
    {
        KafkaError? error = null;
        TopicPartition? partition = null;
        long position = -1;
        lock (_lock)
        {
            foreach (var state in _assigned.Values)
            {
                if (state.Failure is not null && !state.FailureReported)
                {
                    state.FailureReported = true;
                    error = state.Failure;
                    partition = state.TopicPartition;
                    position = state.Position;
                    break;
                }
            }

            if (error is null)
            {
                _failurePending = false;
            }
        }

        if (error is not null)
        {
            throw new ConsumeException(RawPosition(partition!, position), error);
        }
    }
}
