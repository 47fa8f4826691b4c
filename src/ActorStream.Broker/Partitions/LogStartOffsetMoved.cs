namespace ActorStream.Broker.Partitions;

/// <summary>
/// Journal event: the log start offset moved to <paramref name="LogStartOffset"/> (DeleteRecords or
/// retention), and <paramref name="DeletedBatches"/> whole batches of <paramref name="DeletedBytes"/>
/// bytes left the log; journal events up to the last deleted batch are deleted after it is stored.
/// </summary>
internal sealed record LogStartOffsetMoved(long LogStartOffset, long DeletedBatches, long DeletedBytes);
