using ActorStream.Actor;
using ActorStream.Kafka.Protocol;
using ActorStream.Persistence.Journal;

namespace ActorStream.Broker.Partitions;

/// <content>The fetch path: tail cache, journal reads off the mailbox, long-poll waiters.</content>
public sealed partial class PartitionActor
{
    /// <summary>Events replayed per journal round trip when reading old batches.</summary>
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
            var batches = new List<ReadOnlyMemory<byte>>();
            var total = 0;
            for (var i = _cache.IndexOfOffset(offset); i < _cache.Count; i++)
            {
                var entry = _cache[i];
                var size = entry.Bytes.Length;
                if (entry.LastOffset >= _highWatermark || (batches.Count > 0 && total + size > m.MaxBytes))
                {
                    break;
                }

                batches.Add(entry.Bytes);
                total += size;
            }

            Sender.Tell(FetchReply(ErrorCode.None, batches, total), Self);
            return;
        }

        // Older batches: read off the mailbox; the reply carries the offsets as of this request.
        var failed = FetchReply(ErrorCode.KafkaStorageError, s_noBatches, 0);
        ReadFromJournalAsync(JournalTask, PersistenceId, offset, m.MaxBytes, _highWatermark)
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

    /// <summary>Reads whole batches from <paramref name="offset"/> below <paramref name="highWatermark"/> through the offset index (off the actor).</summary>
    private static async Task<JournalRead> ReadFromJournalAsync(Task<AsyncWriteJournal> journalTask, string persistenceId, long offset, int maxBytes, long highWatermark)
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
        while (!done)
        {
            var seen = 0;
            await journal.ReplayMessagesAsync(persistenceId, next, long.MaxValue, ReadChunk, e =>
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
            if (seen < ReadChunk)
            {
                break;
            }
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
