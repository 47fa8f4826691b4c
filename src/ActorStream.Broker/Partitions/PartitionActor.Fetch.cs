using ActorStream.Actor;
using ActorStream.Kafka.Protocol;
using ActorStream.Persistence.Journal;

namespace ActorStream.Broker.Partitions;

/// <content>The fetch path: tail cache, journal reads off the mailbox, long-poll waiters.</content>
public sealed partial class PartitionActor
{
    /// <summary>Most events replayed per journal round trip when reading old batches.</summary>
    private const int ReadChunk = 32;

    private static readonly ReadOnlyMemory<byte>[] s_noBatches = [];

    private void HandleFetch(PartitionProtocol.Fetch m)
    {
        var offset = m.FetchOffset;
        if (offset < _logStartOffset || offset > _highWatermark)
        {
            Sender.Tell(FetchReply(ErrorCode.OffsetOutOfRange, s_noBatches, 0), Self);
            return;
        }

        if (offset == _highWatermark)
        {
            Sender.Tell(FetchReply(ErrorCode.None, s_noBatches, 0), Self);
            return;
        }

        if (_cache.Count > 0 && offset >= _cache[0].BaseOffset)
        {
            var first = _cache.IndexOfOffset(offset);
            var end = first;
            var total = 0;
            var pooled = 0;
            for (; end < _cache.Count; end++)
            {
                var entry = _cache[end];
                var size = entry.Bytes.Length;
                if (entry.LastOffset >= _highWatermark || (end > first && total + size > m.MaxBytes))
                {
                    break;
                }

                total += size;
                pooled += entry.Buffer is null ? 0 : 1;
            }

            var batches = new ReadOnlyMemory<byte>[end - first];
            var buffers = pooled == 0 ? null : new RecordsBuffer[pooled];
            pooled = 0;
            for (var i = first; i < end; i++)
            {
                var entry = _cache[i];
                batches[i - first] = entry.Bytes;
                if (entry.Buffer is { } buffer)
                {
                    // The reply's reference: the bytes stay put until the requester wrote them out,
                    // even if the cache evicts the batch meanwhile.
                    buffers![pooled++] = buffer.Retain();
                }
            }

            Sender.Tell(FetchReply(ErrorCode.None, batches, total) with { Lease = buffers is null ? null : new RecordsLease(buffers) }, Self);
            return;
        }

        // Older batches: read off the mailbox; the reply carries the offsets as of this request.
        var failed = FetchReply(ErrorCode.KafkaStorageError, s_noBatches, 0);
        ReadFromJournalAsync(JournalTask, PersistenceId, offset, m.MaxBytes, _highWatermark, FirstReadChunk(m.MaxBytes))
            .PipeTo(
                Sender,
                Self,
                read => failed with { Error = read.Error, Batches = read.Batches, TotalBytes = read.TotalBytes },
                _ => failed);
    }

    private PartitionProtocol.FetchResult FetchReply(ErrorCode error, IReadOnlyList<ReadOnlyMemory<byte>> batches, int total)
        => new(_topic, _partition, error, _highWatermark, _highWatermark, _logStartOffset, batches, total);

    private Task<AsyncWriteJournal> JournalTask
        => _journal ?? throw new InvalidOperationException("The journal is not loaded before recovery completed");

    /// <summary>
    /// Events to replay in the first journal round trip of a read of <paramref name="maxBytes"/>: as
    /// many as the partition's average batch suggests will fit, plus one. The journal copies every
    /// row it returns, so asking for a fixed 32 rows of 100 KiB batches to fill a 1 MiB fetch read
    /// and copied three times what was sent.
    /// </summary>
    private int FirstReadChunk(int maxBytes)
    {
        if (_batchCount <= 0 || _bytes <= 0)
        {
            return ReadChunk;
        }

        var average = Math.Max(1, _bytes / _batchCount);
        return (int)Math.Clamp((maxBytes / average) + 1, 1, ReadChunk);
    }

    /// <summary>Reads whole batches from <paramref name="offset"/> below <paramref name="highWatermark"/> through the offset index (off the actor).</summary>
    private static async Task<JournalRead> ReadFromJournalAsync(Task<AsyncWriteJournal> journalTask, string persistenceId, long offset, int maxBytes, long highWatermark, int firstChunk)
    {
        var journal = await journalTask.ConfigureAwait(false);
        if (journal is not IOrderedEventJournal ordered)
        {
            return new JournalRead(ErrorCode.KafkaStorageError, s_noBatches, 0);
        }

        var position = await ordered.FindByOffsetAsync(persistenceId, offset).ConfigureAwait(false);
        if (position is null)
        {
            return new JournalRead(ErrorCode.None, s_noBatches, 0);
        }

        var batches = new List<ReadOnlyMemory<byte>>();
        var total = 0;
        var done = false;
        var next = position.Value.SequenceNr;
        var chunk = firstChunk;
        while (!done)
        {
            var seen = 0;
            await journal.ReplayMessagesAsync(persistenceId, next, long.MaxValue, chunk, e =>
            {
                seen++;
                next = e.SequenceNr + 1;
                if (done || e.Payload is not StoredBatch stored || !stored.IsIntact)
                {
                    return;
                }

                var ordering = stored.OrderingKey;
                if (ordering.LastOffset < offset)
                {
                    return;
                }

                var size = stored.Bytes.Length;
                if (ordering.LastOffset >= highWatermark || (batches.Count > 0 && total + size > maxBytes))
                {
                    done = true;
                    return;
                }

                batches.Add(stored.Bytes);
                total += size;
                done = total >= maxBytes;
            }).ConfigureAwait(false);
            if (seen < chunk)
            {
                break;
            }

            chunk = ReadChunk;
        }

        return new JournalRead(ErrorCode.None, batches, total);
    }

    private void HandleWaitForData(PartitionProtocol.WaitForData m)
    {
        if (_highWatermark > m.Offset)
        {
            Sender.Tell(new PartitionProtocol.DataAvailable(_topic, _partition, _highWatermark), Self);
            return;
        }

        var id = _waiters.Add(m.Offset, Sender);
        Context.System.Scheduler.ScheduleTellOnce(m.Timeout, Self, new WaitTimedOut(id), Self);
    }

    private void OnWaitTimedOut(WaitTimedOut timedOut)
    {
        if (_waiters.TryRemove(timedOut.Id, out var replyTo))
        {
            replyTo.Tell(new PartitionProtocol.DataAvailable(_topic, _partition, _highWatermark), Self);
        }
    }

    /// <summary>The result of a journal read, piped back as a FetchResult.</summary>
    private sealed record JournalRead(ErrorCode Error, IReadOnlyList<ReadOnlyMemory<byte>> Batches, int TotalBytes);

    /// <summary>The deadline of one long-poll waiter.</summary>
    private sealed record WaitTimedOut(long Id);
}
