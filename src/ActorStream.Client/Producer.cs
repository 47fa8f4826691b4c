using ActorStream.Client.Network;
using ActorStream.Client.Producing;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Client;

/// <summary>
/// The producer over the Kafka protocol. Build it with <see cref="ProducerBuilder{TKey,TValue}"/>.
/// Keys and values are serialized on the calling thread into a reused buffer and copied straight
/// into the partition's open RecordBatch v2; the partitioner is the Java client's (murmur2 of the
/// key over all partitions; sticky for null keys). Thread-safe.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed partial class Producer<TKey, TValue> : IProducer<TKey, TValue>
{
    private readonly ProducerCore _core;
    private readonly ISerializer<TKey> _keySerializer;
    private readonly ISerializer<TValue> _valueSerializer;
    private readonly IBufferSerializer<TKey>? _keyBufferSerializer;
    private readonly IBufferSerializer<TValue>? _valueBufferSerializer;

    internal Producer(string name, ProducerCore core, ISerializer<TKey> keySerializer, ISerializer<TValue> valueSerializer)
    {
        Name = name;
        _core = core;
        _keySerializer = keySerializer;
        _valueSerializer = valueSerializer;
        // byte[] passes through without a copy; other buffer serializers write into the scratch buffer.
        _keyBufferSerializer = ReferenceEquals(keySerializer, Serializers.ByteArray) ? null : keySerializer as IBufferSerializer<TKey>;
        _valueBufferSerializer = ReferenceEquals(valueSerializer, Serializers.ByteArray) ? null : valueSerializer as IBufferSerializer<TValue>;
    }

    /// <inheritdoc />
    public string Name { get; }

    internal ProducerCore Core => _core;

    /// <inheritdoc />
    public Task<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, Message<TKey, TValue> message, CancellationToken cancellationToken = default) =>
        ProduceAsync(topic, -1, message, cancellationToken);

    /// <inheritdoc />
    public Task<DeliveryResult<TKey, TValue>> ProduceAsync(TopicPartition topicPartition, Message<TKey, TValue> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicPartition);
        return ProduceAsync(topicPartition.Topic, topicPartition.Partition.Value, message, cancellationToken);
    }

    /// <inheritdoc />
    public void Produce(string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null) =>
        Produce(topic, -1, message, deliveryHandler);

    /// <inheritdoc />
    public void Produce(TopicPartition topicPartition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(topicPartition);
        Produce(topicPartition.Topic, topicPartition.Partition.Value, message, deliveryHandler);
    }

    /// <inheritdoc />
    public int Flush(TimeSpan timeout) => _core.Flush(timeout);

    /// <inheritdoc />
    public void Flush(CancellationToken cancellationToken = default)
    {
        while (_core.Flush(TimeSpan.FromMilliseconds(100)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <inheritdoc />
    public Task FlushAsync(CancellationToken cancellationToken = default) => _core.FlushAsync(cancellationToken);

    /// <summary>Flushes every queued record (each is bounded by delivery.timeout.ms), then closes the connections.</summary>
    public void Dispose()
    {
        if (_core.IsClosed)
        {
            return;
        }

        if (DeliveryNotifier<TKey, TValue>.InHandler)
        {
            // Called from a delivery handler, i.e. on the sender loop: waiting here would deadlock.
            _ = _core.CloseAsync(_core.Settings.DeliveryTimeout);
            return;
        }

        _core.Flush(Timeout.InfiniteTimeSpan);
        using var closed = new ManualResetEventSlim();
        _ = _core.CloseAsync(TimeSpan.FromSeconds(5)).ContinueWith(static (_, state) => ((ManualResetEventSlim)state!).Set(), closed,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        closed.Wait();
    }

    /// <summary>Flushes every queued record (each is bounded by delivery.timeout.ms), then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_core.IsClosed)
        {
            return;
        }

        await _core.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        await _core.CloseAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    private Task<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, int partition, Message<TKey, TValue> message, CancellationToken cancellationToken)
    {
        Validate(topic, message);
        var buffer = SerializationBuffer.Rent();
        var completion = new TaskCompletionSource<DeliveryResult<TKey, TValue>>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            var record = Serialize(topic, partition, message, buffer);
            CheckSize(topic, partition, message, record.EstimatedSize);
            if (!TryAppendNow(topic, partition, message, buffer, record, completion))
            {
                // Metadata or memory is not there yet: wait in the topic's backlog, which keeps call order.
                Enqueue(new PendingRecord(topic, partition, message, buffer, record, completion, null, _core.BlockDeadline(), cancellationToken));
                buffer = null;
            }
        }
        catch (ProduceException<TKey, TValue> e)
        {
            return Task.FromException<DeliveryResult<TKey, TValue>>(e);
        }
        finally
        {
            if (buffer is not null)
            {
                SerializationBuffer.Return(buffer);
            }
        }

        return cancellationToken.CanBeCanceled ? completion.Task.WaitAsync(cancellationToken) : completion.Task;
    }

    private void Produce(string topic, int partition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler)
    {
        Validate(topic, message);
        var buffer = SerializationBuffer.Rent();
        PendingRecord? waiting = null;
        try
        {
            var record = Serialize(topic, partition, message, buffer);
            CheckSize(topic, partition, message, record.EstimatedSize);
            if (!TryAppendNow(topic, partition, message, buffer, record, deliveryHandler))
            {
                // Block like the Java producer, but through the backlog so that call order holds.
                waiting = new PendingRecord(topic, partition, message, buffer, record, deliveryHandler, new ManualResetEventSlim(), _core.BlockDeadline(), CancellationToken.None);
                Enqueue(waiting);
                buffer = null;
            }
        }
        finally
        {
            if (buffer is not null)
            {
                SerializationBuffer.Return(buffer);
            }
        }

        if (waiting is not null)
        {
            using var done = waiting.Done!;
            done.Wait();
            if (waiting.Failure is { } failure)
            {
                throw failure;
            }
        }
    }

    /// <summary>
    /// Appends at once if the topic has no backlog, its metadata is known and memory is free.
    /// Throws for errors waiting cannot fix (invalid topic); returns false when the record must wait.
    /// </summary>
    private bool TryAppendNow(string topic, int partition, Message<TKey, TValue> message, SerializationBuffer buffer, SerializedRecord record, object? callback)
    {
        if (HasBacklog(topic))
        {
            return false;
        }

        if (!_core.TryGetTopic(topic, partition, out var info, out var topicError))
        {
            return topicError is null ? false : throw Error(topicError, topic, partition, message);
        }

        if (!_core.Memory.TryReserve(record.EstimatedSize))
        {
            return false;
        }

        _core.BeginRecord();
        try
        {
            Append(topic, info!, partition, message, buffer, record, callback);
        }
        catch
        {
            _core.AbandonRecord();
            throw;
        }

        return true;
    }

    /// <summary>Appends a counted record whose memory is reserved; gives the memory back if the append throws.</summary>
    private void Append(string topic, TopicInfo info, int partition, Message<TKey, TValue> message, SerializationBuffer buffer, SerializedRecord record, object? callback)
    {
        var key = record.KeyArray is { } keyArray ? keyArray : record.KeyLength >= 0 ? buffer.Slice(record.KeyStart, record.KeyLength) : (ReadOnlyMemory<byte>?)null;
        var value = record.ValueArray is { } valueArray ? valueArray : record.ValueLength >= 0 ? buffer.Slice(record.ValueStart, record.ValueLength) : (ReadOnlyMemory<byte>?)null;
        var headers = buffer.Headers(record.HeaderCount);
        try
        {
            _core.Append(topic, info, partition, key, value, headers, record.Timestamp, record.EstimatedSize, new RecordCompletion(callback, message, record.Timestamp));
        }
        catch
        {
            _core.Memory.Release(record.EstimatedSize);
            throw;
        }
    }

    private SerializedRecord Serialize(string topic, int partition, Message<TKey, TValue> message, SerializationBuffer buffer)
    {
        var record = default(SerializedRecord);
        var headers = message.Headers;
        try
        {
            record.KeyStart = buffer.WrittenCount;
            if (_keyBufferSerializer is not null)
            {
                record.KeyLength = _keyBufferSerializer.Serialize(message.Key, new SerializationContext(MessageComponentType.Key, topic, headers), buffer)
                    ? buffer.WrittenCount - record.KeyStart
                    : -1;
            }
            else
            {
                record.KeyArray = _keySerializer.Serialize(message.Key, new SerializationContext(MessageComponentType.Key, topic, headers));
                record.KeyLength = record.KeyArray?.Length ?? -1;
            }
        }
        catch (Exception e)
        {
            throw Error(new KafkaError(LocalErrorCode.KeySerialization, ErrorCode.None, "The key serializer failed: " + e.Message), topic, partition, message, e);
        }

        try
        {
            record.ValueStart = buffer.WrittenCount;
            if (_valueBufferSerializer is not null)
            {
                record.ValueLength = _valueBufferSerializer.Serialize(message.Value, new SerializationContext(MessageComponentType.Value, topic, headers), buffer)
                    ? buffer.WrittenCount - record.ValueStart
                    : -1;
            }
            else
            {
                record.ValueArray = _valueSerializer.Serialize(message.Value, new SerializationContext(MessageComponentType.Value, topic, headers));
                record.ValueLength = record.ValueArray?.Length ?? -1;
            }
        }
        catch (Exception e)
        {
            throw Error(new KafkaError(LocalErrorCode.ValueSerialization, ErrorCode.None, "The value serializer failed: " + e.Message), topic, partition, message, e);
        }

        // Upper bound of the encoded record: attributes, varlong timestamp delta, varint offset delta,
        // lengths, key, value, header count, record length.
        var size = 1 + 10 + 5 + 5 + Math.Max(record.KeyLength, 0) + 5 + Math.Max(record.ValueLength, 0) + 5 + 5;
        if (headers is { Count: > 0 })
        {
            var entries = buffer.Headers(headers.Count);
            for (var i = 0; i < headers.Count; i++)
            {
                var header = headers[i];
                var bytes = header.GetValueBytes();
                entries[i] = new RecordHeaderEntry(header.Key, bytes is null ? null : (ReadOnlyMemory<byte>?)bytes);
                size += 5 + System.Text.Encoding.UTF8.GetByteCount(header.Key) + 5 + (bytes?.Length ?? 0);
            }

            record.HeaderCount = headers.Count;
        }

        record.EstimatedSize = size;
        record.Timestamp = message.Timestamp.Type == TimestampType.NotAvailable
            ? _core.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds()
            : message.Timestamp.UnixTimestampMs;
        return record;
    }

    private void CheckSize(string topic, int partition, Message<TKey, TValue> message, int size)
    {
        if (size > _core.Settings.MaxRequestSize || size > _core.Settings.BufferMemory)
        {
            throw Error(new KafkaError(LocalErrorCode.MessageTooLarge, ErrorCode.MessageTooLarge,
                $"The record is about {size} bytes, more than max.request.size ({_core.Settings.MaxRequestSize}) or buffer.memory ({_core.Settings.BufferMemory})"),
                topic, partition, message);
        }
    }

    private void Validate(string topic, Message<TKey, TValue> message)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(_core.IsClosed, this);
    }

    private static ProduceException<TKey, TValue> Error(KafkaError error, string topic, int partition, Message<TKey, TValue> message, Exception? inner = null) =>
        new(error, new DeliveryResult<TKey, TValue>
        {
            Topic = topic,
            Partition = partition,
            Status = PersistenceStatus.NotPersisted,
            Message = message,
        }, inner);

    /// <summary>Where a record's serialized parts are: in the scratch buffer, or arrays from an <see cref="ISerializer{T}"/>.</summary>
    private struct SerializedRecord
    {
        public int KeyStart;
        public int KeyLength;
        public byte[]? KeyArray;
        public int ValueStart;
        public int ValueLength;
        public byte[]? ValueArray;
        public int HeaderCount;
        public int EstimatedSize;
        public long Timestamp;
    }
}
