namespace ActorStream.Kafka.Protocol.Records;

/// <summary>Outcome of <see cref="RecordBatch.TryReadNext"/>.</summary>
public enum RecordBatchReadResult
{
    /// <summary>A complete batch was sliced off.</summary>
    Batch,

    /// <summary>No bytes are left.</summary>
    End,

    /// <summary>
    /// The remaining bytes are a batch cut short. Normal at the end of a Fetch response (Kafka
    /// serves raw log slices); an error in a Produce request.
    /// </summary>
    Partial,

    /// <summary>The length field is smaller than a batch header: the data is not a batch sequence.</summary>
    Malformed,
}
