namespace ActorStream.Kafka.Protocol;

/// <summary>
/// An output of <see cref="KafkaWriter"/> (an <see cref="System.Buffers.IBufferWriter{T}"/>) that can
/// take a large <c>records</c> field by reference instead of by copy: stored record batches then go
/// from the log to the socket without being copied into the encoded message first.
/// </summary>
/// <remarks>
/// <see cref="KafkaWriter.WriteRecords"/> writes the field's length prefix, commits what it buffered,
/// then calls <see cref="AppendRecords"/>; the sink must keep the bytes in order after everything
/// written before and before everything written after. The memory must stay unchanged until the sink
/// is done with it (a <see cref="Records.RecordsSequence"/> carries a lease the sink releases).
/// </remarks>
public interface IRecordsSink
{
    /// <summary>Appends <paramref name="records"/> by reference at the current position.</summary>
    void AppendRecords(ReadOnlyMemory<byte> records);
}
