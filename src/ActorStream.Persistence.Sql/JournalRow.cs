namespace ActorStream.Persistence.Sql;

/// <summary>
/// One event in its stored form, ready to bind. <see cref="Payload"/> may alias the caller's memory
/// (zero-copy bytes path) and is valid until the write is acknowledged.
/// </summary>
internal readonly record struct JournalRow(
    string PersistenceId,
    long SequenceNr,
    ReadOnlyMemory<byte> Payload,
    int SerializerId,
    string Manifest,
    string WriterUuid,
    long Timestamp,
    EventOrdering? Ordering);
