using System.Buffers;
using System.Buffers.Binary;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Client.Producing;

/// <summary>
/// Records of one partition on their way into one RecordBatch v2. While open, appenders add records
/// under the partition queue's lock (encoded at once into the builder's pooled buffer); once drained
/// it belongs to the sender, which encodes it once (<see cref="Encode"/>) and resends the same bytes
/// on retries. <see cref="Release"/> returns every pooled buffer.
/// </summary>
internal sealed class ProducerBatch
{
    // Offsets of the idempotence fields inside a RecordBatch v2 (see RecordBatch): covered by the CRC.
    private const int ProducerIdOffset = 43;
    private const int ProducerEpochOffset = 51;
    private const int BaseSequenceOffset = 53;

    private static long s_nextId;

    private readonly RecordAccumulator _owner;
    private RecordBatchBuilder? _builder;
    private RecordCompletion[] _records;
    private PooledBufferWriter? _encoded;

    public ProducerBatch(RecordAccumulator owner, PartitionQueue queue, RecordBatchBuilder builder, long createdAt, long deliveryDeadline)
    {
        _owner = owner;
        Queue = queue;
        _builder = builder;
        _records = ArrayPool<RecordCompletion>.Shared.Rent(16);
        Id = Interlocked.Increment(ref s_nextId);
        CreatedAt = createdAt;
        DeliveryDeadline = deliveryDeadline;
    }

    /// <summary>Creation order; retries are put back in this order.</summary>
    public long Id { get; }

    public PartitionQueue Queue { get; }

    public string Topic => Queue.Topic;

    public int Partition => Queue.Partition;

    public int RecordCount { get; private set; }

    /// <summary>Upper bound of the encoded size (header included, before compression).</summary>
    public int EstimatedSize { get; private set; } = RecordBatch.HeaderSize;

    /// <summary>buffer.memory reserved for the records.</summary>
    public long ReservedBytes { get; private set; }

    /// <summary>TimeProvider timestamp of creation (linger.ms counts from here).</summary>
    public long CreatedAt { get; }

    /// <summary>TimeProvider timestamp after which the records fail (delivery.timeout.ms).</summary>
    public long DeliveryDeadline { get; }

    /// <summary>No more appends (drained at least once). Guarded by the queue's lock.</summary>
    public bool IsClosed { get; set; }

    public ReadOnlySpan<RecordCompletion> Records => _records.AsSpan(0, RecordCount);

    // Sender-owned state below.

    /// <summary>The encoded batch (valid after <see cref="Encode"/>).</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded!.WrittenMemory;

    public bool IsEncoded => _encoded is not null;

    public int BaseSequence { get; set; } = -1;

    /// <summary>Sends so far.</summary>
    public int Attempts { get; set; }

    /// <summary>TimeProvider timestamp before which a retry is not sent.</summary>
    public long RetryAt { get; set; }

    /// <summary>A send failed in a way that leaves open whether the broker appended it.</summary>
    public bool InDoubt { get; set; }

    /// <summary>Appends a record if the batch is open and has room (an empty batch always has room).</summary>
    public bool TryAppend(long timestamp, ReadOnlyMemory<byte>? key, ReadOnlyMemory<byte>? value, ReadOnlySpan<RecordHeaderEntry> headers,
        int estimatedSize, in RecordCompletion completion, int batchSize)
    {
        if (IsClosed || (RecordCount > 0 && EstimatedSize + estimatedSize > batchSize))
        {
            return false;
        }

        _builder!.Append(timestamp, key, value, headers);
        if (RecordCount == _records.Length)
        {
            var larger = ArrayPool<RecordCompletion>.Shared.Rent(_records.Length * 2);
            _records.AsSpan(0, RecordCount).CopyTo(larger);
            ArrayPool<RecordCompletion>.Shared.Return(_records, clearArray: true);
            _records = larger;
        }

        _records[RecordCount++] = completion;
        EstimatedSize += estimatedSize;
        ReservedBytes += estimatedSize;
        return true;
    }

    /// <summary>True if another record of typical size would not fit.</summary>
    public bool IsFull(int batchSize) => IsClosed || EstimatedSize >= batchSize;

    /// <summary>
    /// Encodes the batch with the given idempotence fields (-1 when not idempotent), or, if it was
    /// encoded before, patches them in place and recomputes the CRC.
    /// </summary>
    public void Encode(long producerId, short producerEpoch, int baseSequence)
    {
        if (_encoded is null)
        {
            var builder = _builder!;
            builder.ProducerId = producerId;
            builder.ProducerEpoch = producerEpoch;
            builder.BaseSequence = baseSequence;
            _encoded = new PooledBufferWriter(EstimatedSize);
            builder.WriteTo(_encoded);
            _builder = null;
            _owner.ReturnBuilder(builder);
            return;
        }

        var span = _encoded.WrittenSpanMutable;
        BinaryPrimitives.WriteInt64BigEndian(span[ProducerIdOffset..], producerId);
        BinaryPrimitives.WriteInt16BigEndian(span[ProducerEpochOffset..], producerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(span[BaseSequenceOffset..], baseSequence);
        RecordBatch.UpdateCrc(span);
    }

    /// <summary>Returns the pooled buffers; the batch is unusable afterwards.</summary>
    public void Release()
    {
        if (_builder is { } builder)
        {
            _builder = null;
            _owner.ReturnBuilder(builder);
        }

        _encoded?.Dispose();
        _encoded = null;
        ArrayPool<RecordCompletion>.Shared.Return(_records, clearArray: true);
        _records = [];
        RecordCount = 0;
    }
}
