namespace ActorStream.Persistence.Sql;

/// <summary>
/// An item of a writer shard's queue: a batch of rows to insert (part of one call), a delete, or a
/// barrier that completes once every earlier item of the queue is committed. Owned by the queue
/// once enqueued; not thread-safe.
/// </summary>
internal sealed class JournalRequest
{
    private JournalRequest(JournalRequestKind kind)
    {
        Kind = kind;
    }

    public JournalRequestKind Kind { get; }

    /// <summary>Rows of every AtomicWrite of this part, in order.</summary>
    public JournalRow[] Rows { get; private init; } = [];

    /// <summary>Exclusive end index in <see cref="Rows"/> of each AtomicWrite of this part.</summary>
    public int[] WriteEnds { get; private init; } = [];

    /// <summary>Index of each AtomicWrite of this part in the call's result list.</summary>
    public int[] ResultIndexes { get; private init; } = [];

    public JournalCall? Call { get; private init; }

    /// <summary>Payload bytes of all rows (for batch sizing).</summary>
    public long Bytes { get; private init; }

    public string PersistenceId { get; private init; } = string.Empty;

    public long ToSequenceNr { get; private init; }

    public TaskCompletionSource? Done { get; private init; }

    public static JournalRequest Write(JournalRow[] rows, int[] writeEnds, int[] resultIndexes, JournalCall call, long bytes) =>
        new(JournalRequestKind.Write) { Rows = rows, WriteEnds = writeEnds, ResultIndexes = resultIndexes, Call = call, Bytes = bytes };

    public static JournalRequest Delete(string persistenceId, long toSequenceNr) =>
        new(JournalRequestKind.Delete)
        {
            PersistenceId = persistenceId,
            ToSequenceNr = toSequenceNr,
            Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        };

    public static JournalRequest Barrier() =>
        new(JournalRequestKind.Barrier) { Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
}
