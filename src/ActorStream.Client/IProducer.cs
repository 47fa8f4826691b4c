namespace ActorStream.Client;

/// <summary>
/// Produces records to Kafka topics (the shape of Confluent.Kafka's IProducer). Records are
/// batched per partition and sent by a background loop; every method is thread-safe.
/// Disposing flushes what is queued.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public interface IProducer<TKey, TValue> : IDisposable, IAsyncDisposable
{
    /// <summary>The client id (client.id).</summary>
    string Name { get; }

    /// <summary>
    /// Queues a record for <paramref name="topic"/> (the partitioner picks the partition) and
    /// completes with where it was written. Waits asynchronously for metadata and buffer space for
    /// up to max.block.ms. Failures throw <see cref="ProduceException{TKey,TValue}"/>.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="message">The record.</param>
    /// <param name="cancellationToken">Stops waiting; a record already queued may still be delivered.</param>
    Task<DeliveryResult<TKey, TValue>> ProduceAsync(string topic, Message<TKey, TValue> message, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ProduceAsync(string,Message{TKey,TValue},CancellationToken)"/>, to a given partition (or <see cref="Partition.Any"/>).</summary>
    /// <param name="topicPartition">The topic and partition.</param>
    /// <param name="message">The record.</param>
    /// <param name="cancellationToken">Stops waiting; a record already queued may still be delivered.</param>
    Task<DeliveryResult<TKey, TValue>> ProduceAsync(TopicPartition topicPartition, Message<TKey, TValue> message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a record for <paramref name="topic"/>; <paramref name="deliveryHandler"/> runs on the
    /// producer's background loop once it is delivered or has failed (keep it short). Blocks for up
    /// to max.block.ms for metadata and buffer space, then throws <see cref="ProduceException{TKey,TValue}"/>.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="message">The record.</param>
    /// <param name="deliveryHandler">Called with the outcome, or null.</param>
    void Produce(string topic, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null);

    /// <summary>As <see cref="Produce(string,Message{TKey,TValue},Action{DeliveryReport{TKey,TValue}})"/>, to a given partition (or <see cref="Partition.Any"/>).</summary>
    /// <param name="topicPartition">The topic and partition.</param>
    /// <param name="message">The record.</param>
    /// <param name="deliveryHandler">Called with the outcome, or null.</param>
    void Produce(TopicPartition topicPartition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>>? deliveryHandler = null);

    /// <summary>Sends every queued record now and waits up to <paramref name="timeout"/> for their outcomes; returns how many are still pending.</summary>
    /// <param name="timeout">How long to wait.</param>
    int Flush(TimeSpan timeout);

    /// <summary>Sends every queued record now and waits for their outcomes.</summary>
    /// <param name="cancellationToken">Stops waiting (throws <see cref="OperationCanceledException"/>).</param>
    void Flush(CancellationToken cancellationToken = default);

    /// <summary>Sends every queued record now and completes once every outcome is known.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
