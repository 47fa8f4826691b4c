namespace ActorStream.Persistence.Sql;

/// <summary>
/// Write-path counters of a SQL journal since start, summed over its writer shards: committed
/// batches (transactions), rows in them, and wall time spent inside commits (insert + commit +
/// fsync). Events per commit shows how well group commit coalesces.
/// </summary>
public readonly record struct JournalWriteStatistics(long Batches, long Rows, TimeSpan CommitTime);
