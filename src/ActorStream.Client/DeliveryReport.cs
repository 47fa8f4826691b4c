namespace ActorStream.Client;

/// <summary>The outcome of a record given to <see cref="IProducer{TKey,TValue}.Produce(string,Message{TKey,TValue},Action{DeliveryReport{TKey,TValue}})"/>.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public class DeliveryReport<TKey, TValue> : DeliveryResult<TKey, TValue>
{
    /// <summary>The error, or <see cref="KafkaError.NoError"/> when the record was delivered.</summary>
    public KafkaError Error { get; set; } = KafkaError.NoError;

    /// <summary>The position and the error.</summary>
    public TopicPartitionOffsetError TopicPartitionOffsetError => new(TopicPartitionOffset, Error);
}
