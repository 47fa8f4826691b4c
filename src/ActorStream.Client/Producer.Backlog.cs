using System.Collections.Concurrent;
using ActorStream.Client.Producing;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Client;

/// <content>
/// The per-topic backlog: records that could not be appended at once (topic metadata not known yet,
/// buffer.memory exhausted) wait here in call order, and so do the records produced after them,
/// so that waiting never reorders records. One processor per topic works through the backlog:
/// wait for metadata, reserve memory, append, all bounded by each record's max.block.ms deadline.
/// </content>
public sealed partial class Producer<TKey, TValue>
{
    private readonly ConcurrentDictionary<string, Backlog> _backlogs = new(StringComparer.Ordinal);

    private bool HasBacklog(string topic) => _backlogs.TryGetValue(topic, out var backlog) && Volatile.Read(ref backlog.Count) > 0;

    private void Enqueue(PendingRecord record)
    {
        _core.BeginRecord();
        var backlog = _backlogs.GetOrAdd(record.Topic, static _ => new Backlog());
        bool start;
        lock (backlog)
        {
            backlog.Queue.Enqueue(record);
            Volatile.Write(ref backlog.Count, backlog.Queue.Count);
            start = !backlog.Processing;
            backlog.Processing = true;
        }

        if (start)
        {
            _ = Task.Run(() => ProcessBacklogAsync(backlog));
        }
    }

    private async Task ProcessBacklogAsync(Backlog backlog)
    {
        while (true)
        {
            PendingRecord record;
            lock (backlog)
            {
                if (backlog.Queue.Count == 0)
                {
                    backlog.Processing = false;
                    return;
                }

                record = backlog.Queue.Peek();
            }

            Exception? failure = null;
            try
            {
                await AppendWhenPossibleAsync(record).ConfigureAwait(false);
            }
            catch (KafkaException e) when (e is not ProduceException<TKey, TValue>)
            {
                failure = Error(e.Error, record.Topic, record.Partition, record.Message);
            }
            catch (Exception e)
            {
                failure = e;
            }

            // Leave the backlog only once appended, so a concurrent call cannot overtake this record.
            lock (backlog)
            {
                backlog.Queue.Dequeue();
                Volatile.Write(ref backlog.Count, backlog.Queue.Count);
            }

            SerializationBuffer.Return(record.Buffer);
            if (failure is not null)
            {
                _core.AbandonRecord();
                Fail(record, failure);
            }

            record.Done?.Set();
        }
    }

    private async Task AppendWhenPossibleAsync(PendingRecord record)
    {
        record.CancellationToken.ThrowIfCancellationRequested();
        var info = await _core.WaitForTopicAsync(record.Topic, record.Partition, record.Deadline, record.CancellationToken).ConfigureAwait(false);
        var size = record.Serialized.EstimatedSize;
        if (!_core.Memory.TryReserve(size)
            && !await _core.Memory.ReserveAsync(size, _core.Remaining(record.Deadline), record.CancellationToken).ConfigureAwait(false))
        {
            throw Error(new KafkaError(LocalErrorCode.QueueFull, ErrorCode.None,
                $"buffer.memory ({_core.Settings.BufferMemory} bytes) stayed exhausted for max.block.ms ({_core.Settings.MaxBlock.TotalMilliseconds:0} ms)"),
                record.Topic, record.Partition, record.Message);
        }

        // The metadata may have changed while memory was awaited (partition count): take the latest.
        if (_core.TryGetTopic(record.Topic, record.Partition, out var latest, out _))
        {
            info = latest!;
        }

        Append(record.Topic, info, record.Partition, record.Message, record.Buffer, record.Serialized, record.Callback);
    }

    private static void Fail(PendingRecord record, Exception failure)
    {
        if (record.Done is not null)
        {
            record.Failure = failure; // the blocked Produce call rethrows it
            return;
        }

        if (record.Callback is TaskCompletionSource<DeliveryResult<TKey, TValue>> completion)
        {
            if (failure is OperationCanceledException canceled)
            {
                completion.TrySetCanceled(canceled.CancellationToken);
            }
            else
            {
                completion.TrySetException(failure);
            }
        }
    }

    /// <summary>The records of one topic waiting to be appended, oldest first. Guarded by its own lock.</summary>
    private sealed class Backlog
    {
        public readonly Queue<PendingRecord> Queue = new();

        /// <summary>Records in <see cref="Queue"/>, readable without the lock.</summary>
        public int Count;

        public bool Processing;
    }

    /// <summary>A serialized record waiting in a backlog.</summary>
    private sealed class PendingRecord(string topic, int partition, Message<TKey, TValue> message, SerializationBuffer buffer, SerializedRecord serialized,
        object? callback, ManualResetEventSlim? done, long deadline, CancellationToken cancellationToken)
    {
        public string Topic { get; } = topic;

        public int Partition { get; } = partition;

        public Message<TKey, TValue> Message { get; } = message;

        public SerializationBuffer Buffer { get; } = buffer;

        public SerializedRecord Serialized { get; } = serialized;

        /// <summary>The task completion source of ProduceAsync, or the delivery handler of Produce.</summary>
        public object? Callback { get; } = callback;

        /// <summary>Set when a blocked Produce call may go on; null for ProduceAsync.</summary>
        public ManualResetEventSlim? Done { get; } = done;

        public long Deadline { get; } = deadline;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public Exception? Failure { get; set; }
    }
}
