using System.Runtime.InteropServices;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Broker.Partitions;

/// <content>The produce path: validation, idempotence, offset assignment, persistence, high watermark.</content>
public sealed partial class PartitionActor
{
    private void HandleAppend(PartitionProtocol.Append m)
    {
        try
        {
            AppendRecords(m);
        }
        finally
        {
            // The message's own reference; the cache and the journal write took theirs.
            m.Buffer?.Dispose();
        }
    }

    private void AppendRecords(PartitionProtocol.Append m)
    {
        if (m.Acks is not (0 or 1 or -1))
        {
            ReplyAppendError(ErrorCode.InvalidRequiredAcks, "acks must be 0, 1 or -1");
            return;
        }

        // Pass 1: every batch is checked before anything of the request is stored.
        var rest = m.Records;
        var count = 0;
        RecordBatch first = default;
        while (true)
        {
            var read = RecordBatch.TryReadNext(ref rest, out var batch);
            if (read == RecordBatchReadResult.End)
            {
                break;
            }

            if (read != RecordBatchReadResult.Batch)
            {
                ReplyAppendError(ErrorCode.CorruptMessage, "The records are not a sequence of complete record batches");
                return;
            }

            if (batch.SizeInBytes > _config.MaxMessageBytes)
            {
                ReplyAppendError(ErrorCode.MessageTooLarge, "A record batch is larger than max.message.bytes");
                return;
            }

            var error = batch.Validate();
            if (error != RecordBatchError.None)
            {
                ReplyAppendError(error == RecordBatchError.CrcMismatch ? ErrorCode.CorruptMessage : ErrorCode.InvalidRecord, "Invalid record batch: " + error.ToString());
                return;
            }

            if (batch.RecordCount == 0)
            {
                ReplyAppendError(ErrorCode.InvalidRecord, "A record batch holds no records");
                return;
            }

            if (ClientBatchError(batch) is { } invalid)
            {
                ReplyAppendError(ErrorCode.InvalidRecord, invalid);
                return;
            }

            if (count == 0)
            {
                first = batch;
            }

            count++;
        }

        if (count == 0)
        {
            ReplyAppendError(ErrorCode.InvalidRecord, "The request holds no record batch");
            return;
        }

        // Pass 2: idempotent producers (Kafka allows exactly one batch per partition for them).
        if (first.ProducerId >= 0)
        {
            if (count != 1)
            {
                ReplyAppendError(ErrorCode.InvalidRecord, "An idempotent produce request holds exactly one record batch per partition");
                return;
            }

            if (!CheckProducer(first))
            {
                return;
            }
        }

        // Pass 3: assign offsets and epoch in place, cache, persist.
        var now = Context.System.Scheduler.Now.ToUnixTimeMilliseconds();
        var logAppendTime = _config.TimestampType == MessageTimestampType.LogAppendTime;
        var append = new PendingAppend(Sender, m.Acks, count) { LogAppendTimeMs = logAppendTime ? now : -1 };
        var events = new StoredBatch[count];
        rest = m.Records;
        for (var i = 0; i < count; i++)
        {
            RecordBatch.TryReadNext(ref rest, out var batch);
            var span = MemoryMarshal.AsMemory(batch.Memory).Span;
            var baseOffset = _logEndOffset;
            TrackEpoch(_config.LeaderEpoch, baseOffset);
            RecordBatch.SetBaseOffset(span, baseOffset);
            RecordBatch.SetPartitionLeaderEpoch(span, _config.LeaderEpoch);
            if (logAppendTime)
            {
                RecordBatch.SetLogAppendTime(span, now);
            }

            var stored = new StoredBatch(batch.Memory);
            var ordering = stored.OrderingKey;
            _logEndOffset = ordering.LastOffset + 1;
            if (i == 0)
            {
                append.BaseOffset = baseOffset;
            }

            var producerId = batch.ProducerId;
            var journalReference = m.Buffer?.Retain();
            _inflight.Enqueue(producerId >= 0
                ? new PendingBatch(append, producerId, batch.ProducerEpoch, batch.BaseSequence, LastSequence(batch.BaseSequence, batch.LastOffsetDelta), baseOffset, batch.SizeInBytes, journalReference)
                : new PendingBatch(append, -1, -1, -1, -1, baseOffset, batch.SizeInBytes, journalReference));
            _cache.Add(new CachedBatch(ordering.FirstOffset, ordering.LastOffset, ordering.MaxTimestamp, batch.Memory, m.Buffer?.Retain()));
            events[i] = stored;
        }

        PersistAllAsync(events, _onBatchStored);
        if (m.Acks == 0)
        {
            Reply(append);
        }
        else if (m.Acks == -1 && m.Timeout > TimeSpan.Zero && m.Timeout != Timeout.InfiniteTimeSpan)
        {
            Context.System.Scheduler.ScheduleTellOnce(m.Timeout, Self, new AppendTimedOut(append), Self);
        }
    }

    /// <summary>
    /// What Kafka refuses in a batch from a client, from the header alone (LogValidator.validateBatch): an offset
    /// range other than the record count (a compacted log may have gaps, a client's batch never), the control
    /// flag, and a producer id without a sequence number. Null when the batch is acceptable.
    /// </summary>
    private string? ClientBatchError(RecordBatch batch)
    {
        if ((long)batch.LastOffsetDelta + 1 != batch.RecordCount)
        {
            return $"Inconsistent batch offset range [0, {batch.LastOffsetDelta}] and count of records {batch.RecordCount} in topic partition {_topic}-{_partition}";
        }

        if (batch.IsControl)
        {
            return $"Clients are not allowed to write control records in topic partition {_topic}-{_partition}";
        }

        if (batch.ProducerId >= 0 && batch.BaseSequence < 0)
        {
            return $"Invalid sequence number {batch.BaseSequence} in record batch with producerId {batch.ProducerId} in topic partition {_topic}-{_partition}";
        }

        return null;
    }

    /// <summary>
    /// Kafka's idempotence rules for one batch against the durable and in-flight state of its producer.
    /// Returns false when it answered the request (error or duplicate).
    /// </summary>
    private bool CheckProducer(RecordBatch batch)
    {
        var producerId = batch.ProducerId;
        var epoch = batch.ProducerEpoch;
        var firstSequence = batch.BaseSequence;
        var lastSequence = LastSequence(firstSequence, batch.LastOffsetDelta);

        var known = _producers.TryGetValue(producerId, out var durable);
        var currentEpoch = known ? durable!.Epoch : (short)-1;
        var currentLast = known ? durable!.LastSequence : -1;
        PendingAppend? inflightDuplicate = null;
        foreach (var pending in _inflight)
        {
            if (pending.ProducerId == producerId)
            {
                known = true;
                currentEpoch = pending.ProducerEpoch;
                currentLast = pending.LastSequence;
                if (pending.ProducerEpoch == epoch && pending.FirstSequence == firstSequence && pending.LastSequence == lastSequence)
                {
                    inflightDuplicate = pending.Append;
                }
            }
        }

        if (!known)
        {
            return true;
        }

        if (epoch < currentEpoch)
        {
            ReplyAppendError(ErrorCode.InvalidProducerEpoch, $"Producer {producerId} epoch {epoch} is older than the current epoch {currentEpoch}");
            return false;
        }

        if (epoch == currentEpoch)
        {
            if (inflightDuplicate is not null)
            {
                // A retry racing its own original: it gets the original's outcome once known.
                (inflightDuplicate.Followers ??= []).Add(Sender);
                return false;
            }

            var original = durable is not null && durable.Epoch == epoch ? durable.FindDuplicate(firstSequence, lastSequence) : -1;
            if (original >= 0)
            {
                ReplyAppendError(ErrorCode.None, null, original);
                return false;
            }

            var expected = currentLast == int.MaxValue ? 0 : currentLast + 1;
            if (currentLast >= 0 && firstSequence != expected)
            {
                ReplyAppendError(ErrorCode.OutOfOrderSequenceNumber, $"Producer {producerId}: expected sequence {expected}, got {firstSequence}");
                return false;
            }

            return true;
        }

        // A newer epoch starts again at sequence 0.
        if (firstSequence != 0)
        {
            ReplyAppendError(ErrorCode.OutOfOrderSequenceNumber, $"Producer {producerId}: a new epoch {epoch} must start at sequence 0, got {firstSequence}");
            return false;
        }

        return true;
    }

    /// <summary>The persist handler of every stored batch (runs in write order).</summary>
    private void OnBatchStored(StoredBatch stored)
    {
        var pending = _inflight.Dequeue();
        pending.Buffer?.Dispose();
        ApplyDurableBatch(stored, pending.ProducerId, pending.ProducerEpoch, pending.FirstSequence, pending.LastSequence);
        CompleteBatch(pending.Append);
        _cache.Evict(_config.TailCacheBytes, _highWatermark);
        if (_waiters.Count > 0)
        {
            _waiters.CompleteUpTo(_highWatermark, new PartitionProtocol.DataAvailable(_topic, _partition, _highWatermark), Self);
        }

        SnapshotIfDue();
    }

    private void CompleteBatch(PendingAppend append)
    {
        append.Remaining--;
        if (append.Remaining == 0 && !append.Replied)
        {
            Reply(append);
        }
        else if (append.Remaining == 0 && append.Followers is not null)
        {
            ReplyFollowers(append);
        }
    }

    private void Reply(PendingAppend append)
    {
        append.Replied = true;
        var ok = append.Error == ErrorCode.None;
        var result = new PartitionProtocol.AppendResult(
            _topic, _partition, append.Error, ok ? append.BaseOffset : -1, ok ? append.LogAppendTimeMs : -1, _logStartOffset, append.ErrorMessage);
        append.ReplyTo.Tell(result, Self);
        if (append.Remaining == 0)
        {
            ReplyFollowers(append);
        }
    }

    private void ReplyFollowers(PendingAppend append)
    {
        if (append.Followers is { } followers)
        {
            append.Followers = null;
            var ok = append.Error == ErrorCode.None;
            var result = new PartitionProtocol.AppendResult(
                _topic, _partition, append.Error, ok ? append.BaseOffset : -1, ok ? append.LogAppendTimeMs : -1, _logStartOffset, append.ErrorMessage);
            foreach (var follower in followers)
            {
                follower.Tell(result, Self);
            }
        }
    }

    private void OnAppendTimedOut(AppendTimedOut timedOut)
    {
        var append = timedOut.Append;
        if (!append.Replied)
        {
            append.Replied = true;
            append.ReplyTo.Tell(
                new PartitionProtocol.AppendResult(_topic, _partition, ErrorCode.RequestTimedOut, -1, -1, _logStartOffset, "The high watermark did not reach the batch in time"),
                Self);
        }
    }

    /// <summary>
    /// Answers every append in flight with <paramref name="error"/> (write failure, stop). Their
    /// journal references are not released: the journal may still be reading those bytes.
    /// </summary>
    private void FailPending(ErrorCode error, string message)
    {
        while (_inflight.TryDequeue(out var pending))
        {
            var append = pending.Append;
            append.Error = error;
            append.ErrorMessage = message;
            append.Remaining = 0;
            if (!append.Replied)
            {
                Reply(append);
            }
            else
            {
                ReplyFollowers(append);
            }
        }
    }

    private void ReplyAppendError(ErrorCode error, string? message, long baseOffset = -1)
        => Sender.Tell(new PartitionProtocol.AppendResult(_topic, _partition, error, baseOffset, -1, _logStartOffset, message), Self);

    /// <summary>acks=-1 deadline of one append.</summary>
    private sealed record AppendTimedOut(PendingAppend Append);
}
