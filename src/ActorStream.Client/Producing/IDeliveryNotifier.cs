namespace ActorStream.Client.Producing;

/// <summary>
/// Turns record completions into the typed delivery results of one producer. Called by the sender
/// loop only, one record at a time, in partition order.
/// </summary>
internal interface IDeliveryNotifier
{
    /// <summary>The record is in the log at <paramref name="offset"/> (-1 when unknown, acks=0).</summary>
    void Delivered(in RecordCompletion record, string topic, int partition, long offset, long timestamp, TimestampType timestampType, PersistenceStatus status);

    /// <summary>The record could not be delivered.</summary>
    void Failed(in RecordCompletion record, string topic, int partition, KafkaError error, PersistenceStatus status);
}
