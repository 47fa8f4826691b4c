using ActorStream.Actor;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;
using ActorStream.Persistence.Journal;

namespace ActorStream.Broker.Partitions;

/// <content>
/// ListOffsets: earliest, latest, max timestamp and by time. A time lookup finds the first batch whose
/// max timestamp is &gt;= the target (the tail cache when it holds the log from its start, else the
/// journal's time index), then the first record of it (or of a later batch) at or after both the
/// target and the log start offset, as Kafka does. Records are decoded only here, one batch at a time:
/// on the actor for a cached batch (at most max.message.bytes, gzip inflated into a pooled buffer), off
/// the mailbox for a journal read.
/// A batch whose codec has no decoder here (snappy, lz4, zstd) or whose records do not decode answers
/// from its header: its first offset at or after the log start, with its max timestamp.
/// </content>
public sealed partial class PartitionActor
{
    private static readonly ListedOffset s_noOffset = new(-1, -1, -1);

    private void HandleListOffsets(PartitionProtocol.ListOffsets m)
    {
        switch (m.Timestamp)
        {
            case PartitionProtocol.ListOffsets.Earliest:
                Sender.Tell(new PartitionProtocol.ListOffsetsResult(_topic, _partition, ErrorCode.None, -1, _logStartOffset, _config.LeaderEpoch), Self);
                return;
            case PartitionProtocol.ListOffsets.Latest:
                Sender.Tell(new PartitionProtocol.ListOffsetsResult(_topic, _partition, ErrorCode.None, -1, _highWatermark, _config.LeaderEpoch), Self);
                return;
            case PartitionProtocol.ListOffsets.MaxTimestamp:
                ListMaxTimestamp();
                return;
        }

        if (m.Timestamp < 0)
        {
            Sender.Tell(new PartitionProtocol.ListOffsetsResult(_topic, _partition, ErrorCode.InvalidRequest, -1, -1, -1), Self);
            return;
        }

        // The cache answers when it holds the log from its start; else the journal's time index does.
        if (_cache.Count > 0 && _cache[0].BaseOffset <= _logStartOffset)
        {
            var answer = s_noOffset;
            for (var i = 0; i < _cache.Count; i++)
            {
                var entry = _cache[i];
                if (entry.LastOffset >= _highWatermark)
                {
                    break;
                }

                if (entry.MaxTimestamp >= m.Timestamp
                    && SearchBatch(entry.Bytes, m.Timestamp, _logStartOffset, out var found) != RecordSearchResult.NotFound)
                {
                    answer = found;
                    break;
                }
            }

            Sender.Tell(ListOffsetsReply(answer), Self);
            return;
        }

        ReplyFromJournal(FindByTimestampAsync(JournalTask, PersistenceId, m.Timestamp, _highWatermark, _logStartOffset));
    }

    /// <summary>
    /// ListOffsets -3: the first record holding the largest timestamp of the log. <see cref="_maxTimestampOffset"/>
    /// is an offset of the earliest batch with that max timestamp; the record is found inside it.
    /// </summary>
    private void ListMaxTimestamp()
    {
        if (_maxTimestampOffset < 0)
        {
            Sender.Tell(ListOffsetsReply(s_noOffset), Self);
            return;
        }

        var header = new ListedOffset(_maxTimestamp, _maxTimestampOffset, _config.LeaderEpoch);
        if (_cache.Count > 0 && _cache[0].BaseOffset <= _maxTimestampOffset)
        {
            var i = _cache.IndexOfOffset(_maxTimestampOffset);
            if (i < _cache.Count && _cache[i].BaseOffset <= _maxTimestampOffset)
            {
                SearchBatch(_cache[i].Bytes, _maxTimestamp, _logStartOffset, out var answer);
                Sender.Tell(ListOffsetsReply(answer), Self);
                return;
            }
        }

        ReplyFromJournal(FindMaxTimestampAsync(JournalTask, PersistenceId, header, _logStartOffset));
    }

    private PartitionProtocol.ListOffsetsResult ListOffsetsReply(ListedOffset answer)
        => new(_topic, _partition, ErrorCode.None, answer.Timestamp, answer.Offset, answer.LeaderEpoch);

    private void ReplyFromJournal(Task<ListedOffset> lookup)
    {
        var topic = _topic;
        var partition = _partition;
        lookup.PipeTo(
            Sender,
            Self,
            found => new PartitionProtocol.ListOffsetsResult(topic, partition, ErrorCode.None, found.Timestamp, found.Offset, found.LeaderEpoch),
            _ => new PartitionProtocol.ListOffsetsResult(topic, partition, ErrorCode.KafkaStorageError, -1, -1, -1));
    }

    /// <summary>
    /// Searches one stored batch for the first record at or after <paramref name="target"/> and
    /// <paramref name="logStartOffset"/>. Found: that record with its batch's leader epoch. NotFound and
    /// Undecodable: <paramref name="answer"/> is the header's answer (first offset at or after the log start,
    /// max timestamp); a time lookup moves on to the next batch on NotFound and takes it on Undecodable.
    /// </summary>
    private static RecordSearchResult SearchBatch(ReadOnlyMemory<byte> bytes, long target, long logStartOffset, out ListedOffset answer)
    {
        var rest = bytes;
        if (RecordBatch.TryReadNext(ref rest, out var batch) != RecordBatchReadResult.Batch)
        {
            answer = s_noOffset;
            return RecordSearchResult.NotFound;
        }

        var epoch = batch.PartitionLeaderEpoch;
        var result = batch.TryFindRecordByTimestamp(target, logStartOffset, out var offset, out var timestamp);
        answer = result == RecordSearchResult.Found
            ? new ListedOffset(timestamp, offset, epoch)
            : new ListedOffset(batch.MaxTimestamp, Math.Max(batch.BaseOffset, logStartOffset), epoch);
        return result;
    }

    /// <summary>The first record at or after <paramref name="timestamp"/> below the high watermark, through the journal's time index (off the actor).</summary>
    private static async Task<ListedOffset> FindByTimestampAsync(
        Task<AsyncWriteJournal> journalTask, string persistenceId, long timestamp, long highWatermark, long logStartOffset)
    {
        var journal = await journalTask.ConfigureAwait(false);
        if (journal is not IOrderedEventJournal ordered)
        {
            throw new InvalidOperationException("The journal has no time index");
        }

        var position = await ordered.FindByTimestampAsync(persistenceId, timestamp).ConfigureAwait(false);
        if (position is not { } p || p.Ordering.FirstOffset >= highWatermark)
        {
            return s_noOffset;
        }

        // Usually the indexed batch holds the record; a later one does when the log start cuts into it.
        var answer = s_noOffset;
        var done = false;
        var next = p.SequenceNr;
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
                if (ordering.LastOffset >= highWatermark)
                {
                    done = true;
                    return;
                }

                if (ordering.MaxTimestamp >= timestamp
                    && SearchBatch(stored.Bytes, timestamp, logStartOffset, out var found) != RecordSearchResult.NotFound)
                {
                    answer = found;
                    done = true;
                }
            }).ConfigureAwait(false);
            if (seen < ReadChunk)
            {
                break;
            }
        }

        return answer;
    }

    /// <summary>The first record holding the max timestamp inside the batch at <paramref name="header"/>'s offset, read from the journal (off the actor).</summary>
    private static async Task<ListedOffset> FindMaxTimestampAsync(
        Task<AsyncWriteJournal> journalTask, string persistenceId, ListedOffset header, long logStartOffset)
    {
        var journal = await journalTask.ConfigureAwait(false);
        if (journal is not IOrderedEventJournal ordered)
        {
            throw new InvalidOperationException("The journal has no offset index");
        }

        var position = await ordered.FindByOffsetAsync(persistenceId, header.Offset).ConfigureAwait(false);
        if (position is not { } p || p.Ordering.FirstOffset > header.Offset)
        {
            return header;
        }

        var answer = header;
        await journal.ReplayMessagesAsync(persistenceId, p.SequenceNr, p.SequenceNr, 1, e =>
        {
            if (e.Payload is StoredBatch stored && stored.IsIntact)
            {
                SearchBatch(stored.Bytes, header.Timestamp, logStartOffset, out answer);
            }
        }).ConfigureAwait(false);
        return answer;
    }

    /// <summary>A ListOffsets answer: -1s when nothing matches.</summary>
    private readonly record struct ListedOffset(long Timestamp, long Offset, int LeaderEpoch);
}
