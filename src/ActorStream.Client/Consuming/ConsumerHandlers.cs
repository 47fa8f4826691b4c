namespace ActorStream.Client.Consuming;

/// <summary>The application's callbacks, set on the builder. Copied into each consumer; not thread-safe while building.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
internal sealed class ConsumerHandlers<TKey, TValue>
{
    public Func<IConsumer<TKey, TValue>, List<TopicPartition>, IEnumerable<TopicPartitionOffset>>? Assigned { get; set; }

    public Action<IConsumer<TKey, TValue>, List<TopicPartitionOffset>>? Revoked { get; set; }

    public Action<IConsumer<TKey, TValue>, List<TopicPartitionOffset>>? Lost { get; set; }

    public Action<IConsumer<TKey, TValue>, KafkaError>? Error { get; set; }

    public ConsumerHandlers<TKey, TValue> Copy() => new() { Assigned = Assigned, Revoked = Revoked, Lost = Lost, Error = Error };
}
