using System.Runtime.CompilerServices;
using ActorStream.Client.Consuming;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Client;

/// <summary>
/// The consumer over the Kafka protocol. Build it with <see cref="ConsumerBuilder{TKey,TValue}"/>.
/// A background fetcher keeps fetched batches buffered per partition (one Fetch in flight per
/// broker); Consume runs queued rebalance work (handlers, commits before revocation), starts
/// auto-commits, then decodes the next record straight from the fetched bytes and deserializes its
/// key and value. A background loop keeps the group membership (join, sync, heartbeats, the poll
/// interval). Consume is meant for one thread at a time; the other members are thread-safe.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed partial class Consumer<TKey, TValue> : IConsumer<TKey, TValue>
{
    private static readonly TimeSpan s_maxWaitSlice = TimeSpan.FromSeconds(1);

    private readonly ConsumerCore _core;
    private readonly IDeserializer<TKey> _keyDeserializer;
    private readonly IDeserializer<TValue> _valueDeserializer;
    private readonly ConsumerHandlers<TKey, TValue> _handlers;
    private int _closed;

    internal Consumer(ConsumerCore core, IDeserializer<TKey> keyDeserializer, IDeserializer<TValue> valueDeserializer, ConsumerHandlers<TKey, TValue> handlers)
    {
        _core = core;
        _keyDeserializer = keyDeserializer;
        _valueDeserializer = valueDeserializer;
        _handlers = handlers;
    }

    /// <inheritdoc />
    public string Name => _core.Name;

    /// <inheritdoc />
    public string MemberId => _core.Coordinator?.MemberId ?? string.Empty;

    /// <inheritdoc />
    public List<TopicPartition> Assignment => _core.Assignment;

    /// <inheritdoc />
    public List<string> Subscription => _core.Subscription;

    internal ConsumerCore Core => _core;

    /// <inheritdoc />
    public ConsumeResult<TKey, TValue>? Consume(int millisecondsTimeout) =>
        Consume(millisecondsTimeout < 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <inheritdoc />
    public ConsumeResult<TKey, TValue>? Consume(TimeSpan timeout)
    {
        var deadline = timeout == Timeout.InfiniteTimeSpan ? long.MaxValue : _core.Time.GetTimestamp() + _core.Ticks(timeout);
        return ConsumeUntil(deadline, CancellationToken.None);
    }

    /// <inheritdoc />
    public ConsumeResult<TKey, TValue> Consume(CancellationToken cancellationToken = default) => ConsumeUntil(long.MaxValue, cancellationToken)!;

    /// <inheritdoc />
    public async Task<ConsumeResult<TKey, TValue>> ConsumeAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        _core.BeginPoll();
        try
        {
            while (true)
            {
                var seen = _core.Wakeup.Version;
                if (TryStep(out var result))
                {
                    return result!;
                }

                cancellationToken.ThrowIfCancellationRequested();
                ThrowIfClosed();
                await _core.Wakeup.WaitAsync(seen, s_maxWaitSlice, _core.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _core.EndPoll();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ConsumeResult<TKey, TValue>> ConsumeAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ConsumeResult<TKey, TValue>? result = null;
            try
            {
                result = await ConsumeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The enumeration ends.
            }

            if (result is null)
            {
                yield break;
            }

            yield return result;
        }
    }

    /// <summary>Leaves the group cleanly and releases everything (see <see cref="Close"/>).</summary>
    public void Dispose() => Close();

    /// <summary>Leaves the group cleanly and releases everything, off the calling thread.</summary>
    public async ValueTask DisposeAsync() => await Task.Run(Close).ConfigureAwait(false);

    private ConsumeResult<TKey, TValue>? ConsumeUntil(long deadline, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static state => ((ConsumerWakeup)state!).Set(), _core.Wakeup)
            : default;
        _core.BeginPoll();
        try
        {
            while (true)
            {
                var seen = _core.Wakeup.Version;
                if (TryStep(out var result))
                {
                    return result;
                }

                cancellationToken.ThrowIfCancellationRequested();
                ThrowIfClosed();
                var now = _core.Time.GetTimestamp();
                if (now >= deadline)
                {
                    return null;
                }

                var remaining = deadline == long.MaxValue ? s_maxWaitSlice : _core.Elapsed(now, deadline);
                _core.Wakeup.Wait(seen, remaining < s_maxWaitSlice ? remaining : s_maxWaitSlice);
            }
        }
        finally
        {
            _core.EndPoll();
        }
    }

    /// <summary>Runs queued rebalance work, auto-commits when due, and takes the next record if one is buffered.</summary>
    private bool TryStep(out ConsumeResult<TKey, TValue>? result)
    {
        ProcessEvents();
        _core.MaybeAutoCommit();
        if (!_core.TryNextRecord(out var record, out var partition, out var eof))
        {
            result = null;
            return false;
        }

        result = eof
            ? new ConsumeResult<TKey, TValue> { Topic = partition!.Topic, Partition = partition.Partition, Offset = record.Offset, IsPartitionEOF = true }
            : Deliver(partition!, record);
        return true;
    }

    private ConsumeResult<TKey, TValue> Deliver(PartitionState partition, in RawRecord record)
    {
        var headers = record.HeaderCount > 0 ? CompletedFetch.ReadHeaders(record.Headers.Span, record.HeaderCount) : null;
        TKey key;
        TValue value;
        try
        {
            key = _keyDeserializer.Deserialize(record.Key.Span, record.KeyIsNull, new SerializationContext(MessageComponentType.Key, partition.Topic, headers));
        }
        catch (Exception e)
        {
            throw DeserializationFailed(partition, record, headers, LocalErrorCode.KeyDeserialization, e);
        }

        try
        {
            value = _valueDeserializer.Deserialize(record.Value.Span, record.ValueIsNull, new SerializationContext(MessageComponentType.Value, partition.Topic, headers));
        }
        catch (Exception e)
        {
            throw DeserializationFailed(partition, record, headers, LocalErrorCode.ValueDeserialization, e);
        }

        return new ConsumeResult<TKey, TValue>
        {
            Topic = partition.Topic,
            Partition = partition.Partition,
            Offset = record.Offset,
            LeaderEpoch = record.LeaderEpoch >= 0 ? record.LeaderEpoch : null,
            Message = new Message<TKey, TValue>
            {
                Key = key,
                Value = value,
                Timestamp = new Timestamp(record.Timestamp, record.TimestampType),
                Headers = headers,
            },
        };
    }

    private static ConsumeException DeserializationFailed(PartitionState partition, in RawRecord record, Headers? headers, LocalErrorCode code, Exception cause)
    {
        var raw = new ConsumeResult<byte[], byte[]>
        {
            Topic = partition.Topic,
            Partition = partition.Partition,
            Offset = record.Offset,
            LeaderEpoch = record.LeaderEpoch >= 0 ? record.LeaderEpoch : null,
            Message = new Message<byte[], byte[]>
            {
                Key = record.KeyIsNull ? null! : record.Key.ToArray(),
                Value = record.ValueIsNull ? null! : record.Value.ToArray(),
                Timestamp = new Timestamp(record.Timestamp, record.TimestampType),
                Headers = headers,
            },
        };
        var what = code == LocalErrorCode.KeyDeserialization ? "key" : "value";
        return new ConsumeException(raw, new KafkaError(code, ErrorCode.InvalidRecord,
            $"Deserializing the {what} of {partition.TopicPartition} @{record.Offset} failed: {cause.Message}"), cause);
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _closed) != 0, this);
}
