namespace ActorStream.Kafka.Protocol.Records;

/// <summary>
/// Enumerates the complete batches of a records blob (foreach-able, allocation-free). When it
/// stops, <see cref="Result"/> says why: <see cref="RecordBatchReadResult.End"/> when every byte
/// was consumed, <see cref="RecordBatchReadResult.Partial"/> for a cut-off trailing batch,
/// <see cref="RecordBatchReadResult.Malformed"/> for bytes that are not a batch. Not thread-safe.
/// </summary>
public struct RecordBatchEnumerator
{
    private ReadOnlyMemory<byte> _remaining;
    private RecordBatch _current;

    public RecordBatchEnumerator(ReadOnlyMemory<byte> records)
    {
        _remaining = records;
        _current = default;
        Result = RecordBatchReadResult.Batch;
    }

    public readonly RecordBatch Current => _current;

    /// <summary>Bytes not consumed yet (the partial or malformed tail once enumeration stopped).</summary>
    public readonly ReadOnlyMemory<byte> Remaining => _remaining;

    /// <summary>Why enumeration stopped (Batch while it is still running).</summary>
    public RecordBatchReadResult Result { get; private set; }

    public readonly RecordBatchEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (Result != RecordBatchReadResult.Batch)
        {
            return false;
        }

        Result = RecordBatch.TryReadNext(ref _remaining, out _current);
        return Result == RecordBatchReadResult.Batch;
    }
}
