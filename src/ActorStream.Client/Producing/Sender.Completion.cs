using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Producing;

/// <content>Responses: completion, retries, failures and expiry of batches.</content>
internal sealed partial class Sender
{
    private void ProcessResults(long now)
    {
        while (_results.TryDequeue(out var result))
        {
            // Responses of one broker are answered in order, but their continuations may race: restore send order.
            var node = Node(result.NodeId);
            if (result.Sequence != node.NextResultSequence)
            {
                node.Early.Add(result.Sequence, result);
                continue;
            }

            Process(result, now);
            node.NextResultSequence++;
            while (node.Early.Remove(node.NextResultSequence, out var next))
            {
                Process(next, now);
                node.NextResultSequence++;
            }
        }
    }

    private void Process(SendResult result, long now)
    {
        Node(result.NodeId).RequestsInFlight--;
        _requestsInFlight--;
        foreach (var batch in result.Batches)
        {
            batch.Queue.InFlight.Remove(batch);
            if (result.Error is { } error)
            {
                HandleFailure(batch, error, inDoubt: true, now);
                continue;
            }

            if (result.Response is null)
            {
                Complete(batch, -1, -1, PersistenceStatus.PossiblyPersisted); // acks=0: written, never acknowledged
                continue;
            }

            var partition = FindPartition(result.Response, batch.Topic, batch.Partition);
            if (partition is null)
            {
                HandleFailure(batch, new KafkaError(LocalErrorCode.BadMessage, ErrorCode.UnknownServerError,
                    $"The produce response does not mention {batch.Topic} [{batch.Partition}]"), inDoubt: true, now);
                continue;
            }

            var code = (ErrorCode)partition.ErrorCode;
            if (code is ErrorCode.None or ErrorCode.DuplicateSequenceNumber)
            {
                Complete(batch, partition.BaseOffset, partition.LogAppendTimeMs, PersistenceStatus.Persisted);
            }
            else
            {
                var message = partition.ErrorMessage;
                if (partition.RecordErrors.Count > 0 && partition.RecordErrors[0].BatchIndexErrorMessage is { } recordError)
                {
                    message = (message is null ? string.Empty : message + ": ") + recordError;
                }

                HandleFailure(batch, new KafkaError(code, message), inDoubt: code is ErrorCode.RequestTimedOut or ErrorCode.NotEnoughReplicasAfterAppend or ErrorCode.UnknownServerError, now);
            }
        }
    }

    private void HandleFailure(ProducerBatch batch, KafkaError error, bool inDoubt, long now)
    {
        var code = error.Code;
        if (error.LocalCode is LocalErrorCode.Transport or LocalErrorCode.TimedOut
            || code is ErrorCode.NotLeaderOrFollower or ErrorCode.UnknownTopicOrPartition or ErrorCode.LeaderNotAvailable
                or ErrorCode.FencedLeaderEpoch or ErrorCode.UnknownLeaderEpoch or ErrorCode.KafkaStorageError)
        {
            _cluster.RequestMetadataUpdate();
        }

        bool retriable;
        if (_idempotent && code == ErrorCode.OutOfOrderSequenceNumber)
        {
            // The broker did not append it. Either an earlier batch is being retried (send this one
            // after it), or the broker lost the producer's state: then start over with a new producer id.
            retriable = true;
            inDoubt = false;
            if (!HasEarlierUnacknowledged(batch))
            {
                RequestSequenceReset(batch, error);
            }
        }
        else if (_idempotent && code is ErrorCode.UnknownProducerId or ErrorCode.InvalidProducerEpoch or ErrorCode.ProducerFenced)
        {
            retriable = true;
            inDoubt = false;
            RequestSequenceReset(batch, error);
        }
        else
        {
            retriable = error.IsRetriable;
        }

        if (retriable && batch.Attempts <= _settings.Retries && now < batch.DeliveryDeadline && !_aborting)
        {
            batch.InDoubt |= inDoubt;
            batch.RetryAt = now + Ticks(Network.Backoff.Compute(_settings.RetryBackoff, _settings.RetryBackoffMax, batch.Attempts - 1));
            Requeue(batch);
            Log.Retrying(_logger, batch.Topic, batch.Partition, batch.BaseSequence, batch.Attempts, error);
            return;
        }

        if (retriable && now >= batch.DeliveryDeadline)
        {
            error = Expired(batch, error);
        }

        Fail(batch, error, batch.InDoubt || inDoubt ? PersistenceStatus.PossiblyPersisted : PersistenceStatus.NotPersisted);
        if (_idempotent && batch.BaseSequence >= 0)
        {
            // Its sequence numbers are now a gap the broker would reject: start over with a new producer id.
            RequestSequenceReset(batch, error);
        }
    }

    private void ExpireBatches(long now)
    {
        foreach (var queue in _accumulator.Queues)
        {
            List<ProducerBatch>? expired = null;
            lock (queue.Lock)
            {
                var node = queue.Batches.First;
                while (node is not null)
                {
                    var next = node.Next;
                    if (node.Value.DeliveryDeadline <= now)
                    {
                        node.Value.IsClosed = true;
                        queue.Batches.Remove(node);
                        (expired ??= []).Add(node.Value);
                    }

                    node = next;
                }
            }

            if (expired is null)
            {
                continue;
            }

            foreach (var batch in expired)
            {
                var error = Expired(batch, null);
                Fail(batch, error, batch.InDoubt ? PersistenceStatus.PossiblyPersisted : PersistenceStatus.NotPersisted);
                if (_idempotent && batch.BaseSequence >= 0)
                {
                    RequestSequenceReset(batch, error);
                }
            }
        }
    }

    private KafkaError Expired(ProducerBatch batch, KafkaError? last) =>
        new(LocalErrorCode.MessageTimedOut, ErrorCode.RequestTimedOut,
            $"Expiring {batch.RecordCount} record(s) for {batch.Topic} [{batch.Partition}]: delivery.timeout.ms ({_settings.DeliveryTimeout.TotalMilliseconds:0}) has passed since batch creation"
            + (last is null ? string.Empty : "; last error: " + last));

    /// <summary>Fails every queued batch (producer closing without time left, or a fatal condition).</summary>
    private void FailQueued(KafkaError error)
    {
        foreach (var queue in _accumulator.Queues)
        {
            List<ProducerBatch>? failed = null;
            lock (queue.Lock)
            {
                foreach (var batch in queue.Batches)
                {
                    batch.IsClosed = true;
                    (failed ??= []).Add(batch);
                }

                queue.Batches.Clear();
            }

            if (failed is not null)
            {
                foreach (var batch in failed)
                {
                    Fail(batch, error, batch.InDoubt ? PersistenceStatus.PossiblyPersisted : PersistenceStatus.NotPersisted);
                }
            }
        }
    }

    /// <summary>Puts a batch back for a retry, in front of newer batches of its partition (creation order).</summary>
    private static void Requeue(ProducerBatch batch)
    {
        var queue = batch.Queue;
        lock (queue.Lock)
        {
            batch.IsClosed = true;
            var node = queue.Batches.First;
            while (node is not null && node.Value.Attempts > 0 && node.Value.Id < batch.Id)
            {
                node = node.Next;
            }

            if (node is null)
            {
                queue.Batches.AddLast(batch);
            }
            else
            {
                queue.Batches.AddBefore(node, batch);
            }
        }
    }

    /// <summary>True if an older batch of the same partition with a sequence number is in flight or waiting for a retry.</summary>
    private static bool HasEarlierUnacknowledged(ProducerBatch batch)
    {
        var queue = batch.Queue;
        foreach (var other in queue.InFlight)
        {
            if (other.Id < batch.Id && other.BaseSequence >= 0)
            {
                return true;
            }
        }

        lock (queue.Lock)
        {
            foreach (var other in queue.Batches)
            {
                if (other.Id < batch.Id && other.BaseSequence >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void Complete(ProducerBatch batch, long baseOffset, long logAppendTime, PersistenceStatus status)
    {
        var timestampType = logAppendTime >= 0 ? TimestampType.LogAppendTime : TimestampType.CreateTime;
        var records = batch.Records;
        for (var i = 0; i < records.Length; i++)
        {
            _notifier.Delivered(records[i], batch.Topic, batch.Partition, baseOffset >= 0 ? baseOffset + i : -1,
                logAppendTime >= 0 ? logAppendTime : records[i].Timestamp, timestampType, status);
        }

        Release(batch);
    }

    private void Fail(ProducerBatch batch, KafkaError error, PersistenceStatus status)
    {
        Log.Failed(_logger, batch.RecordCount, batch.Topic, batch.Partition, error);
        foreach (var record in batch.Records)
        {
            _notifier.Failed(record, batch.Topic, batch.Partition, error, status);
        }

        Release(batch);
    }

    private void Release(ProducerBatch batch)
    {
        var count = batch.RecordCount;
        _memory.Release(batch.ReservedBytes);
        batch.Release();
        _onCompleted(count);
    }

    private static ProduceResponse.PartitionProduceResponse? FindPartition(ProduceResponse response, string topic, int partition)
    {
        foreach (var topicResponse in response.Responses)
        {
            if (!string.Equals(topicResponse.Name, topic, StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var partitionResponse in topicResponse.PartitionResponses)
            {
                if (partitionResponse.Index == partition)
                {
                    return partitionResponse;
                }
            }
        }

        return null;
    }
}
