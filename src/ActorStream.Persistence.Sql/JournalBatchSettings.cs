namespace ActorStream.Persistence.Sql;

/// <summary>
/// How a SQL journal coalesces writes. Callers enqueue into a bounded queue per writer shard
/// (<see cref="QueueDepth"/> requests; a full queue makes callers wait); each shard's loop drains as
/// many requests as fit in <see cref="MaxBatchRows"/> rows and <see cref="MaxBatchBytes"/> payload
/// bytes and commits them in ONE transaction. An AtomicWrite is never split, so a single write larger
/// than the limits still goes alone. Immutable.
/// </summary>
/// <param name="MaxBatchRows">Rows per transaction (default 10,000).</param>
/// <param name="MaxBatchBytes">Payload bytes per transaction (default 16 MiB).</param>
/// <param name="QueueDepth">Queued write calls per shard before callers wait (default 16,384).</param>
public sealed record JournalBatchSettings(int MaxBatchRows = 10_000, long MaxBatchBytes = 16L << 20, int QueueDepth = 16_384)
{
    /// <summary>The defaults.</summary>
    public static JournalBatchSettings Default { get; } = new();

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueDepth, 1);
    }
}
