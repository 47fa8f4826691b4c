using ActorStream.Client.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Client.Producing;

/// <summary>
/// The untyped part of a producer: the network core, buffer memory, the accumulator and the
/// sender, plus metadata waits, partition choice, record accounting for flush, and shutdown.
/// The typed <see cref="Producer{TKey,TValue}"/> serializes and hands records here. Thread-safe.
/// </summary>
internal sealed class ProducerCore
{
    private readonly object _flushLock = new();
    private readonly StickyPartitioner _sticky = new();
    private readonly TimeProvider _time;
    private TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _pending;
    private int _closed;

    public ProducerCore(ProducerSettings settings, NetworkSettings network, IDeliveryNotifier notifier)
    {
        Settings = settings;
        _time = network.TimeProvider;
        Cluster = new KafkaCluster(network);
        Memory = new BufferMemory(settings.BufferMemory, _time);
        Accumulator = new RecordAccumulator(settings.BatchSize, settings.Compression, settings.DeliveryTimeout, _time);
        Sender = new Sender(Cluster, Accumulator, Memory, notifier, settings, OnCompleted);
        Cluster.StartMetadataRefresh(allowAutoTopicCreation: true, settings.MetadataMaxIdle);
        Sender.Start();
    }

    public ProducerSettings Settings { get; }

    public KafkaCluster Cluster { get; }

    public BufferMemory Memory { get; }

    public RecordAccumulator Accumulator { get; }

    public Sender Sender { get; }

    public TimeProvider TimeProvider => _time;

    /// <summary>Records queued or in flight.</summary>
    public long PendingRecords => Volatile.Read(ref _pending);

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>TimeProvider timestamp max.block.ms from now.</summary>
    public long BlockDeadline() => _time.GetTimestamp() + (long)(Settings.MaxBlock.TotalSeconds * _time.TimestampFrequency);

    /// <summary>Time left until <paramref name="deadline"/> (zero if passed).</summary>
    public TimeSpan Remaining(long deadline)
    {
        var ticks = deadline - _time.GetTimestamp();
        return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)ticks / _time.TimestampFrequency);
    }

    /// <summary>
    /// The topic's metadata when it is usable for <paramref name="partition"/> (-1 = any). Returns
    /// false to wait (unknown yet, no partitions, partition beyond the count); sets
    /// <paramref name="error"/> for an error that waiting will not fix (invalid topic, authorization).
    /// </summary>
    public bool TryGetTopic(string topic, int partition, out TopicInfo? info, out KafkaError? error)
    {
        Cluster.AddTopic(topic);
        error = null;
        if (!Cluster.Metadata.TryGetTopic(topic, out var found))
        {
            info = null;
            return false;
        }

        if (found.Error != ErrorCode.None && !found.Error.IsRetriable())
        {
            info = null;
            error = new KafkaError(found.Error, $"Cannot produce to topic '{topic}': {found.Error.GetKafkaName()}");
            return false;
        }

        info = found.IsUsable && partition < found.PartitionCount ? found : null;
        return info is not null;
    }

    /// <summary>Waits (asynchronously) until the topic is usable or max.block.ms passes.</summary>
    public async ValueTask<TopicInfo> WaitForTopicAsync(string topic, int partition, long deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var version = Cluster.Metadata.Version;
            if (TryGetTopic(topic, partition, out var info, out var error))
            {
                return info!;
            }

            if (error is not null)
            {
                throw new KafkaException(error);
            }

            Cluster.RequestMetadataUpdate();
            var remaining = Remaining(deadline);
            if (remaining <= TimeSpan.Zero)
            {
                throw new KafkaException(TopicTimeout(topic, partition));
            }

            try
            {
                await Cluster.WaitForMetadataUpdateAsync(version, cancellationToken).WaitAsync(remaining, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Loop once more: the metadata may have arrived just now.
            }
        }
    }

    /// <summary>Blocks until the topic is usable or max.block.ms passes.</summary>
    public TopicInfo WaitForTopic(string topic, int partition, long deadline)
    {
        while (true)
        {
            var version = Cluster.Metadata.Version;
            if (TryGetTopic(topic, partition, out var info, out var error))
            {
                return info!;
            }

            if (error is not null)
            {
                throw new KafkaException(error);
            }

            Cluster.RequestMetadataUpdate();
            var remaining = Remaining(deadline);
            if (remaining <= TimeSpan.Zero)
            {
                throw new KafkaException(TopicTimeout(topic, partition));
            }

            Cluster.WaitForMetadataUpdate(version, remaining);
        }
    }

    /// <summary>
    /// Chooses the partition (given, by key hash, or sticky) and appends the record. The record must
    /// be counted (<see cref="BeginRecord"/>) and its memory reserved; the sender completes it.
    /// </summary>
    public void Append(string topic, TopicInfo info, int partition, ReadOnlyMemory<byte>? key, ReadOnlyMemory<byte>? value,
        ReadOnlySpan<RecordHeaderEntry> headers, long timestamp, int estimatedSize, in RecordCompletion completion)
    {
        var sticky = false;
        if (partition < 0)
        {
            if (key is { } k && !Settings.IgnoreKeys)
            {
                partition = DefaultPartitioner.PartitionForKey(k.Span, info.PartitionCount);
            }
            else
            {
                partition = _sticky.Partition(topic, info);
                sticky = true;
            }
        }

        var result = Accumulator.Append(Accumulator.GetQueue(topic, partition), timestamp, key, value, headers, estimatedSize, completion, abortOnNewBatch: sticky);
        if (result == AppendResult.NeedsNewBatch)
        {
            partition = _sticky.NextPartition(topic, info, partition);
            result = Accumulator.Append(Accumulator.GetQueue(topic, partition), timestamp, key, value, headers, estimatedSize, completion, abortOnNewBatch: false);
        }

        if (result != AppendResult.Appended)
        {
            Sender.Wake();
        }
    }

    /// <summary>Counts a record as pending (for flush) before it is appended or queued to wait.</summary>
    public void BeginRecord() => Interlocked.Increment(ref _pending);

    /// <summary>Stops counting a record that will never reach the sender (it failed before it was appended).</summary>
    public void AbandonRecord() => OnCompleted(1);

    /// <summary>Waits until nothing is queued or in flight, or <paramref name="timeout"/>; returns what is left.</summary>
    public int Flush(TimeSpan timeout)
    {
        Sender.BeginFlush();
        try
        {
            var deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
            lock (_flushLock)
            {
                while (Volatile.Read(ref _pending) > 0)
                {
                    var remaining = deadline == long.MaxValue ? TimeSpan.FromSeconds(1) : Remaining(deadline);
                    if (remaining <= TimeSpan.Zero)
                    {
                        break;
                    }

                    Monitor.Wait(_flushLock, remaining > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : remaining);
                }
            }
        }
        finally
        {
            Sender.EndFlush();
        }

        return (int)Math.Min(Volatile.Read(ref _pending), int.MaxValue);
    }

    /// <summary>Waits asynchronously until nothing is queued or in flight.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Sender.BeginFlush();
        try
        {
            while (true)
            {
                Task drained;
                lock (_flushLock)
                {
                    if (Volatile.Read(ref _pending) == 0)
                    {
                        return;
                    }

                    drained = _drained.Task;
                }

                await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Sender.EndFlush();
        }
    }

    /// <summary>Stops accepting records, sends what is queued (failing it after <paramref name="timeout"/>), and closes the connections.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            await Sender.Completion.ConfigureAwait(false);
            return;
        }

        await Sender.CloseAsync(timeout).ConfigureAwait(false);
        if (!Sender.Completion.IsCompleted)
        {
            // Out of time: fail what is left; dropping the connections makes in-flight requests fail fast.
            await Cluster.DisposeAsync().ConfigureAwait(false);
            await Sender.Completion.ConfigureAwait(false);
        }

        await Cluster.DisposeAsync().ConfigureAwait(false);
    }

    private void OnCompleted(int count)
    {
        if (Interlocked.Add(ref _pending, -count) != 0)
        {
            return;
        }

        TaskCompletionSource drained;
        lock (_flushLock)
        {
            drained = _drained;
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Monitor.PulseAll(_flushLock);
        }

        drained.TrySetResult();
    }

    private KafkaError TopicTimeout(string topic, int partition)
    {
        var known = Cluster.Metadata.TryGetTopic(topic, out var info) && info.IsUsable;
        return known && partition >= 0
            ? new KafkaError(LocalErrorCode.UnknownPartition, ErrorCode.UnknownTopicOrPartition,
                $"Partition {partition} of topic '{topic}' (with {info.PartitionCount} partitions) not present in metadata after {Settings.MaxBlock.TotalMilliseconds:0} ms")
            : new KafkaError(LocalErrorCode.UnknownTopic, ErrorCode.UnknownTopicOrPartition,
                $"Topic '{topic}' not present in metadata after {Settings.MaxBlock.TotalMilliseconds:0} ms");
    }
}
