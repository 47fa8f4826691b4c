using ActorStream.Actor;
using ActorStream.Kafka.Protocol;
using ActorStream.Persistence.Journal;

namespace ActorStream.Broker.Partitions;

/// <content>
/// Head deletion: DeleteRecords and retention (retention.ms, retention.bytes) plan which whole head
/// batches go by reading the head off the mailbox, then persist <see cref="LogStartOffsetMoved"/> and
/// delete the journal events of the deleted batches. One trim runs at a time; requests queue.
/// </content>
public sealed partial class PartitionActor
{
    private const int TrimChunk = 64;

    private readonly List<(IActorRef ReplyTo, long Target)> _deleteRequests = [];
    private bool _trimming;
    private bool _stopRequested;
    private bool _stopScheduled;
    private bool _retentionDue;

    private void HandleDeleteRecords(PartitionProtocol.DeleteRecords m)
    {
        var target = m.BeforeOffset == -1 ? _highWatermark : m.BeforeOffset;
        if (target < 0 || target > _highWatermark)
        {
            Sender.Tell(new PartitionProtocol.DeleteRecordsResult(_topic, _partition, ErrorCode.OffsetOutOfRange, _logStartOffset), Self);
            return;
        }

        if (target <= _logStartOffset)
        {
            Sender.Tell(new PartitionProtocol.DeleteRecordsResult(_topic, _partition, ErrorCode.None, _logStartOffset), Self);
            return;
        }

        _deleteRequests.Add((Sender, target));
        TryStartTrim();
    }

    private void StartRetention()
    {
        if (_config.RetentionMs >= 0 || _config.RetentionBytes >= 0)
        {
            _retentionDue = true;
            TryStartTrim();
        }
    }

    /// <summary>Stops once the head trim in progress (if any) and every write in flight have completed.</summary>
    private void RequestStop()
    {
        _stopRequested = true;
        TryStartTrim();
    }

    private void TryStartTrim()
    {
        if (_stopRequested)
        {
            if (!_trimming && !_stopScheduled)
            {
                _stopScheduled = true;
                DeferAsync(PartitionProtocol.Stop.Instance, _ => Context.Stop(Self));
            }

            return;
        }

        if (_trimming || _journal is null)
        {
            return;
        }

        if (_deleteRequests.Count > 0)
        {
            var requests = _deleteRequests.ToArray();
            _deleteRequests.Clear();
            var target = 0L;
            foreach (var (_, t) in requests)
            {
                target = Math.Max(target, t);
            }

            _trimming = true;
            PlanAsync(_journal, PersistenceId, _logStartOffset, _highWatermark, target, -1, -1, _bytes)
                .PipeTo(Self, Self, plan => new HeadTrimPlanned(plan, requests, null), e => new HeadTrimPlanned(default, requests, e));
            return;
        }

        if (_retentionDue)
        {
            _retentionDue = false;
            var cutoff = _config.RetentionMs >= 0 ? Context.System.Scheduler.Now.ToUnixTimeMilliseconds() - _config.RetentionMs : -1;
            if (cutoff < 0 && (_config.RetentionBytes < 0 || _bytes <= _config.RetentionBytes))
            {
                return;
            }

            _trimming = true;
            PlanAsync(_journal, PersistenceId, _logStartOffset, _highWatermark, -1, cutoff, _config.RetentionBytes, _bytes)
                .PipeTo(Self, Self, plan => new HeadTrimPlanned(plan, [], null), e => new HeadTrimPlanned(default, [], e));
        }
    }

    private void OnHeadTrimPlanned(HeadTrimPlanned planned)
    {
        if (planned.Failure is not null)
        {
            Log.Warning(planned.Failure, "Partition {0}-{1}: head deletion failed: {2}", _topic, _partition, planned.Failure.Message);
            ReplyDeleteRequests(planned.Requests, ErrorCode.KafkaStorageError);
            _trimming = false;
            TryStartTrim();
            return;
        }

        var plan = planned.Plan;
        if (plan.NewLogStartOffset <= _logStartOffset)
        {
            ReplyDeleteRequests(planned.Requests, ErrorCode.None);
            _trimming = false;
            TryStartTrim();
            return;
        }

        // Totals over every batch written before this event: the durable ones plus those in flight.
        var batches = _batchCount;
        var bytes = _bytes;
        foreach (var pending in _inflight)
        {
            batches++;
            bytes += pending.Size;
        }

        var @event = new LogStartOffsetMoved(plan.NewLogStartOffset, plan.DeletedBatches, plan.DeletedBytes, batches - plan.DeletedBatches, bytes - plan.DeletedBytes);
        PersistAsync(@event, moved =>
        {
            ApplyLogStartOffsetMoved(moved);
            ReplyDeleteRequests(planned.Requests, ErrorCode.None);
            if (plan.DeleteToSequenceNr > 0)
            {
                DeleteMessages(plan.DeleteToSequenceNr);
            }

            _trimming = false;
            TryStartTrim();
        });
    }

    private void ReplyDeleteRequests((IActorRef ReplyTo, long Target)[] requests, ErrorCode error)
    {
        foreach (var (replyTo, _) in requests)
        {
            replyTo.Tell(new PartitionProtocol.DeleteRecordsResult(_topic, _partition, error, _logStartOffset), Self);
        }
    }

    /// <summary>
    /// Reads head batches (durable, below the high watermark) and decides which whole batches go:
    /// with <paramref name="targetOffset"/> &gt;= 0 those ending below it (the new start is exactly the
    /// target); otherwise those older than <paramref name="cutoffMs"/> or beyond <paramref name="retentionBytes"/>,
    /// stopping at the first batch that stays (the new start is that batch's base offset).
    /// </summary>
    private static async Task<TrimPlan> PlanAsync(
        Task<AsyncWriteJournal> journalTask,
        string persistenceId,
        long logStartOffset,
        long highWatermark,
        long targetOffset,
        long cutoffMs,
        long retentionBytes,
        long totalBytes)
    {
        var journal = await journalTask.ConfigureAwait(false);
        if (journal is not IOrderedEventJournal ordered)
        {
            throw new InvalidOperationException("The journal has no offset index");
        }

        var newStart = targetOffset >= 0 ? targetOffset : logStartOffset;
        var position = await ordered.FindByOffsetAsync(persistenceId, logStartOffset).ConfigureAwait(false);
        if (position is null)
        {
            return new TrimPlan(newStart, 0, 0, 0);
        }

        long deletedBatches = 0, deletedBytes = 0, toSeq = 0;
        var stop = false;
        var next = position.Value.SequenceNr;
        while (!stop)
        {
            var seen = 0;
            await journal.ReplayMessagesAsync(persistenceId, next, long.MaxValue, TrimChunk, e =>
            {
                seen++;
                next = e.SequenceNr + 1;
                if (stop || e.Payload is not StoredBatch stored)
                {
                    return;
                }

                var o = stored.OrderingKey;
                var size = stored.Bytes.Length;
                if (o.LastOffset >= highWatermark)
                {
                    stop = true;
                    return;
                }

                var delete = targetOffset >= 0
                    ? o.LastOffset < targetOffset
                    : (cutoffMs >= 0 && o.MaxTimestamp < cutoffMs) || (retentionBytes >= 0 && totalBytes - deletedBytes - size >= retentionBytes);
                if (!delete)
                {
                    stop = true;
                    return;
                }

                if (stored.IsIntact)
                {
                    deletedBatches++;
                    deletedBytes += size;
                }

                toSeq = e.SequenceNr;
                if (targetOffset < 0)
                {
                    newStart = o.LastOffset + 1;
                }
            }).ConfigureAwait(false);
            if (seen < TrimChunk)
            {
                break;
            }
        }

        return new TrimPlan(newStart, toSeq, deletedBatches, deletedBytes);
    }

    /// <summary>What a head deletion removes: the new log start, the last journal event to delete, and the batches/bytes leaving.</summary>
    private readonly record struct TrimPlan(long NewLogStartOffset, long DeleteToSequenceNr, long DeletedBatches, long DeletedBytes);

    private sealed record HeadTrimPlanned(TrimPlan Plan, (IActorRef ReplyTo, long Target)[] Requests, Exception? Failure);
}
