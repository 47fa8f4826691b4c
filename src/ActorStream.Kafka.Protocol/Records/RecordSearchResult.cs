namespace ActorStream.Kafka.Protocol.Records;

/// <summary>Outcome of <see cref="RecordBatch.TryFindRecordByTimestamp"/>.</summary>
public enum RecordSearchResult
{
    /// <summary>A record matched; its offset and timestamp were returned.</summary>
    Found,

    /// <summary>No record of the batch matches (the search goes on with the next batch).</summary>
    NotFound,

    /// <summary>
    /// The records cannot be read: a codec this library does not decompress (snappy, lz4, zstd) or a
    /// records area that does not decode. Only the header (offsets, max timestamp) is known.
    /// </summary>
    Undecodable,
}
