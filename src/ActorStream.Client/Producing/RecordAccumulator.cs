using System.Collections.Concurrent;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Client.Producing;

/// <summary>
/// The producer's per-partition queues of record batches (Kafka's RecordAccumulator). Appenders add
/// records under the partition's lock; the sender reads <see cref="Queues"/> (a copy-on-write array)
/// and drains ready batches. Record batch builders and their pooled buffers are recycled.
/// Thread-safe.
/// </summary>
internal sealed class RecordAccumulator
{
    private const int MaxPooledBuilders = 256;

    private readonly ConcurrentDictionary<string, TopicQueues> _topics = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordBatchBuilder> _builders = new();
    private readonly Lock _queuesLock = new();
    private readonly CompressionCodec _compression;
    private readonly int _batchSize;
    private readonly long _deliveryTimeoutTicks;
    private readonly TimeProvider _time;
    private PartitionQueue[] _queues = [];
    private int _pooledBuilders;

    public RecordAccumulator(int batchSize, CompressionCodec compression, TimeSpan deliveryTimeout, TimeProvider timeProvider)
    {
        _batchSize = Math.Max(batchSize, 1);
        _compression = compression;
        _time = timeProvider;
        _deliveryTimeoutTicks = (long)(deliveryTimeout.TotalSeconds * timeProvider.TimestampFrequency);
    }

    public int BatchSize => _batchSize;

    /// <summary>Every partition queue created so far (a snapshot; new queues produce a new array).</summary>
    public PartitionQueue[] Queues => Volatile.Read(ref _queues);

    /// <summary>The queue of <paramref name="topic"/>/<paramref name="partition"/>, created on first use.</summary>
    public PartitionQueue GetQueue(string topic, int partition)
    {
        var topicQueues = _topics.GetOrAdd(topic, static t => new TopicQueues());
        var partitions = Volatile.Read(ref topicQueues.Partitions);
        if ((uint)partition < (uint)partitions.Length && Volatile.Read(ref partitions[partition]) is { } existing)
        {
            return existing;
        }

        lock (_queuesLock)
        {
            partitions = topicQueues.Partitions;
            if (partition >= partitions.Length)
            {
                Array.Resize(ref partitions, Math.Max(partition + 1, partitions.Length * 2));
                Volatile.Write(ref topicQueues.Partitions, partitions);
            }

            if (partitions[partition] is { } raced)
            {
                return raced;
            }

            var queue = new PartitionQueue(topic, partition);
            Volatile.Write(ref partitions[partition], queue);
            var all = new PartitionQueue[_queues.Length + 1];
            _queues.CopyTo(all, 0);
            all[^1] = queue;
            Volatile.Write(ref _queues, all);
            return queue;
        }
    }

    /// <summary>
    /// Appends a record to the partition's open batch, or to a new batch when it does not fit
    /// (unless <paramref name="abortOnNewBatch"/>, which returns <see cref="AppendResult.NeedsNewBatch"/> instead).
    /// </summary>
    public AppendResult Append(PartitionQueue queue, long timestamp, ReadOnlyMemory<byte>? key, ReadOnlyMemory<byte>? value,
        ReadOnlySpan<RecordHeaderEntry> headers, int estimatedSize, in RecordCompletion completion, bool abortOnNewBatch)
    {
        lock (queue.Lock)
        {
            if (queue.Batches.Last?.Value is { } open && open.TryAppend(timestamp, key, value, headers, estimatedSize, completion, _batchSize))
            {
                return open.IsFull(_batchSize) ? AppendResult.BatchFull : AppendResult.Appended;
            }

            if (abortOnNewBatch)
            {
                return AppendResult.NeedsNewBatch;
            }

            var now = _time.GetTimestamp();
            var batch = new ProducerBatch(this, queue, RentBuilder(), now, now + _deliveryTimeoutTicks);
            batch.TryAppend(timestamp, key, value, headers, estimatedSize, completion, _batchSize);
            queue.Batches.AddLast(batch);
            return batch.IsFull(_batchSize) ? AppendResult.BatchFull : AppendResult.NewBatch;
        }
    }

    /// <summary>True if any queue holds a batch.</summary>
    public bool HasQueuedBatches()
    {
        foreach (var queue in Queues)
        {
            lock (queue.Lock)
            {
                if (queue.Batches.Count > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public void ReturnBuilder(RecordBatchBuilder builder)
    {
        if (Interlocked.Increment(ref _pooledBuilders) <= MaxPooledBuilders)
        {
            builder.Reset();
            _builders.Enqueue(builder);
        }
        else
        {
            Interlocked.Decrement(ref _pooledBuilders);
            builder.Dispose();
        }
    }

    private RecordBatchBuilder RentBuilder()
    {
        if (_builders.TryDequeue(out var builder))
        {
            Interlocked.Decrement(ref _pooledBuilders);
            return builder;
        }

        return new RecordBatchBuilder(_compression);
    }

    private sealed class TopicQueues
    {
        public PartitionQueue?[] Partitions = new PartitionQueue?[4];
    }
}
