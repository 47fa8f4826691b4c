using ActorStream.Kafka.Protocol.Records;
using ActorStream.Persistence;

namespace ActorStream.Broker.Partitions;

/// <summary>
/// The journal event of a partition log: one record batch, stored as the exact v2 bytes served to
/// consumers (leader-assigned base offset and epoch in the header). Its ordering key (first offset,
/// last offset, max timestamp) comes from the header, so journals index it for offset and time lookups.
/// Immutable: the bytes must not change once the event exists.
/// </summary>
internal sealed class StoredBatch : IHasOrderingKey
{
    public StoredBatch(ReadOnlyMemory<byte> bytes)
    {
        Bytes = bytes;
        if (bytes.Length >= RecordBatch.HeaderSize)
        {
            var view = HeaderView;
            OrderingKey = new EventOrdering(view.BaseOffset, Math.Max(view.BaseOffset, view.LastOffset), view.MaxTimestamp);
        }
    }

    /// <summary>The batch bytes (exactly one batch when intact).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <inheritdoc />
    public EventOrdering OrderingKey { get; }

    /// <summary>True when the bytes are exactly one batch whose header and CRC check out.</summary>
    public bool IsIntact
    {
        get
        {
            var rest = Bytes;
            return RecordBatch.TryReadNext(ref rest, out var batch) == RecordBatchReadResult.Batch
                && rest.IsEmpty
                && batch.Validate() == RecordBatchError.None;
        }
    }

    /// <summary>A header view without length checks beyond the header (use after <see cref="IsIntact"/> or on freshly validated bytes).</summary>
    public RecordBatch HeaderView
    {
        get
        {
            var rest = Bytes;
            return RecordBatch.TryReadNext(ref rest, out var batch) == RecordBatchReadResult.Batch ? batch : default;
        }
    }
}
