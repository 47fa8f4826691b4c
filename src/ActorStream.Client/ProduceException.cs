namespace ActorStream.Client;

/// <summary>
/// A record could not be produced: it was rejected before it was queued (serialization, size,
/// unknown topic, full buffer), or its delivery failed. <see cref="DeliveryResult"/> tells how far it got.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public class ProduceException<TKey, TValue> : KafkaException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Why the record was not produced.</param>
    /// <param name="deliveryResult">The record and where it was (or was to be) written.</param>
    public ProduceException(KafkaError error, DeliveryResult<TKey, TValue> deliveryResult)
        : base(error) => DeliveryResult = deliveryResult;

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="error">Why the record was not produced.</param>
    /// <param name="deliveryResult">The record and where it was (or was to be) written.</param>
    /// <param name="innerException">The cause, e.g. a serializer's exception.</param>
    public ProduceException(KafkaError error, DeliveryResult<TKey, TValue> deliveryResult, Exception? innerException)
        : base(error, innerException) => DeliveryResult = deliveryResult;

    /// <summary>The record and its delivery state.</summary>
    public DeliveryResult<TKey, TValue> DeliveryResult { get; }
}
