using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Producing;

/// <content>
/// The idempotent producer: a producer id and epoch from InitProducerId, sequence numbers per
/// partition, and a reset (new producer id, sequences from 0) when the sequence state can no longer
/// be trusted (a sequenced batch failed for good, or the broker lost the producer). A reset waits
/// until nothing is in flight; batches whose earlier sends may have been appended are then failed
/// rather than resent under the new id, so that no record is written twice.
/// </content>
internal sealed partial class Sender
{
    private bool _idempotent;
    private long _producerId = -1;
    private short _producerEpoch = -1;
    private bool _initInProgress;
    private InitOutcome? _initOutcome;
    private int _initFailures;
    private long _initRetryAt;
    private bool _resetPending;

    /// <summary>The producer id in use, -1 before InitProducerId answered (for tests and logs).</summary>
    public long ProducerId => Volatile.Read(ref _producerId);

    /// <summary>True once a producer id is available (or idempotence is off); starts InitProducerId when batches wait for it.</summary>
    private bool EnsureProducerId(long now, ref long nextWake)
    {
        if (_producerId >= 0)
        {
            return true;
        }

        if (_initInProgress || !_accumulator.HasQueuedBatches())
        {
            return false;
        }

        if (now < _initRetryAt)
        {
            nextWake = Math.Min(nextWake, _initRetryAt);
            return false;
        }

        _initInProgress = true;
        _ = InitProducerIdAsync();
        return false;
    }

    private async Task InitProducerIdAsync()
    {
        InitOutcome outcome;
        try
        {
            var (response, _) = await _cluster.SendToAnyAsync<InitProducerIdResponse>(ApiKey.InitProducerId,
                static _ => new InitProducerIdRequest { TransactionalId = null, TransactionTimeoutMs = int.MaxValue, ProducerId = -1, ProducerEpoch = -1 },
                _cluster.DisposingToken).ConfigureAwait(false);
            outcome = response.ErrorCode == 0
                ? new InitOutcome(response.ProducerId, response.ProducerEpoch, null)
                : new InitOutcome(-1, -1, KafkaError.FromBroker(response.ErrorCode));
        }
        catch (KafkaException e)
        {
            outcome = new InitOutcome(-1, -1, e.Error);
        }
        catch (OperationCanceledException)
        {
            outcome = new InitOutcome(-1, -1, new KafkaError(LocalErrorCode.Destroyed, ErrorCode.NetworkException, "The producer was closed"));
        }

        Volatile.Write(ref _initOutcome, outcome);
        Wake();
    }

    private void ApplyInitOutcome(long now)
    {
        var outcome = Interlocked.Exchange(ref _initOutcome, null);
        if (outcome is null)
        {
            return;
        }

        _initInProgress = false;
        if (outcome.Error is null)
        {
            _producerId = outcome.ProducerId;
            _producerEpoch = outcome.ProducerEpoch;
            _initFailures = 0;
            foreach (var queue in _accumulator.Queues)
            {
                queue.NextSequence = 0;
            }

            Log.ProducerIdAssigned(_logger, _producerId, _producerEpoch);
            return;
        }

        var error = outcome.Error;
        if (error.LocalCode == LocalErrorCode.UnsupportedFeature && !_settings.IdempotenceRequired)
        {
            // enable.idempotence was only the default: carry on without it, as the Java client did before KIP-679.
            Log.IdempotenceUnavailable(_logger, error.Reason);
            _idempotent = false;
            return;
        }

        Log.InitProducerIdFailed(_logger, error);
        if (!error.IsRetriable && error.LocalCode != LocalErrorCode.Destroyed)
        {
            FailQueued(error);
        }

        _initRetryAt = now + Ticks(Network.Backoff.Compute(_settings.RetryBackoff, _settings.RetryBackoffMax, _initFailures++));
    }

    private void RequestSequenceReset(ProducerBatch batch, KafkaError error)
    {
        if (!_resetPending)
        {
            Log.SequenceReset(_logger, batch.Topic, batch.Partition, batch.BaseSequence, error);
        }

        _resetPending = true;
    }

    /// <summary>Once nothing is in flight: forget the producer id, fail in-doubt retries, renumber the rest from 0.</summary>
    private void TryResetSequences()
    {
        if (_requestsInFlight > 0)
        {
            return;
        }

        var doubt = new KafkaError(LocalErrorCode.Fatal, ErrorCode.OutOfOrderSequenceNumber,
            "The idempotent producer had to reset its sequence numbers while this record's earlier send was unacknowledged; it may or may not have been written");
        foreach (var queue in _accumulator.Queues)
        {
            queue.NextSequence = 0;
            List<ProducerBatch>? failed = null;
            lock (queue.Lock)
            {
                var node = queue.Batches.First;
                while (node is not null)
                {
                    var next = node.Next;
                    var batch = node.Value;
                    if (batch.BaseSequence >= 0)
                    {
                        if (batch.InDoubt)
                        {
                            queue.Batches.Remove(node);
                            (failed ??= []).Add(batch);
                        }
                        else
                        {
                            batch.BaseSequence = -1;
                        }
                    }

                    node = next;
                }
            }

            if (failed is not null)
            {
                foreach (var batch in failed)
                {
                    Fail(batch, doubt, PersistenceStatus.PossiblyPersisted);
                }
            }
        }

        _producerId = -1;
        _producerEpoch = -1;
        _resetPending = false;
    }

    private sealed record InitOutcome(long ProducerId, short ProducerEpoch, KafkaError? Error);
}
