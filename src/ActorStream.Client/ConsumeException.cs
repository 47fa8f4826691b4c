namespace ActorStream.Client;

/// <summary>
/// <c>Consume</c> could not deliver a record: a deserializer threw, a batch was corrupt, a partition has
/// no valid position under <c>auto.offset.reset=none</c>, or the group rejected the consumer.
/// <see cref="KafkaException.Error"/> says why; <see cref="ConsumerRecord"/> holds the raw record or position when there is one.
/// </summary>
public class ConsumeException : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="consumerRecord">The raw record (or just its position), or null.</param>
    /// <param name="error">Why consuming failed.</param>
    public ConsumeException(ConsumeResult<byte[], byte[]>? consumerRecord, KafkaError error)
        : base(error) => ConsumerRecord = consumerRecord;

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="consumerRecord">The raw record (or just its position), or null.</param>
    /// <param name="error">Why consuming failed.</param>
    /// <param name="innerException">The cause, e.g. a deserializer's exception.</param>
    public ConsumeException(ConsumeResult<byte[], byte[]>? consumerRecord, KafkaError error, Exception? innerException)
        : base(error, innerException) => ConsumerRecord = consumerRecord;

    /// <summary>The raw record (key and value as bytes) or the position where consuming failed; null when the error concerns no partition.</summary>
    public ConsumeResult<byte[], byte[]>? ConsumerRecord { get; }
}
