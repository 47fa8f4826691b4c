namespace ActorStream.Client.Producing;

/// <summary>The outcome of <see cref="RecordAccumulator.Append"/>.</summary>
internal enum AppendResult
{
    /// <summary>Added to the open batch, which has room left.</summary>
    Appended,

    /// <summary>Added to a new batch, which has room left (the sender must learn of it for linger.ms).</summary>
    NewBatch,

    /// <summary>Added; the batch is now full and ready to send.</summary>
    BatchFull,

    /// <summary>Not added: a new batch would be needed and the caller asked to be told first (sticky partitioning).</summary>
    NeedsNewBatch,
}
