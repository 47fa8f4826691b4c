namespace ActorStream.Client;

/// <summary>
/// Consumes records from Kafka topics (the shape of Confluent.Kafka's IConsumer). Partitions come
/// from a consumer group (<see cref="Subscribe(IEnumerable{string})"/>) or are picked by the
/// application (<see cref="Assign(IEnumerable{TopicPartitionOffset})"/>). Records are fetched in the
/// background; Consume hands them out one at a time and also runs the rebalance handlers, so call
/// it from one thread at a time, at least every max.poll.interval.ms. Commit, Committed, Position,
/// Seek and the properties may be called from any thread.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public interface IConsumer<TKey, TValue> : IDisposable, IAsyncDisposable
{
    /// <summary>The client id (client.id, or consumer-N).</summary>
    string Name { get; }

    /// <summary>The member id the group coordinator gave this consumer; empty outside a group.</summary>
    string MemberId { get; }

    /// <summary>The partitions currently assigned, sorted.</summary>
    List<TopicPartition> Assignment { get; }

    /// <summary>The subscribed topics, sorted (empty with a manual assignment).</summary>
    List<string> Subscription { get; }

    /// <summary>The next record, or null when none arrives within <paramref name="millisecondsTimeout"/> (-1: wait forever).</summary>
    /// <param name="millisecondsTimeout">How long to wait.</param>
    ConsumeResult<TKey, TValue>? Consume(int millisecondsTimeout);

    /// <summary>The next record, or null when none arrives within <paramref name="timeout"/>. Throws <see cref="ConsumeException"/> for a record or partition that cannot be consumed.</summary>
    /// <param name="timeout">How long to wait.</param>
    ConsumeResult<TKey, TValue>? Consume(TimeSpan timeout);

    /// <summary>The next record; waits until one arrives or <paramref name="cancellationToken"/> fires (<see cref="OperationCanceledException"/>).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    ConsumeResult<TKey, TValue> Consume(CancellationToken cancellationToken = default);

    /// <summary>As <see cref="Consume(CancellationToken)"/>, waiting asynchronously; rebalance handlers run on the continuation.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task<ConsumeResult<TKey, TValue>> ConsumeAsync(CancellationToken cancellationToken = default);

    /// <summary>Every record as it arrives, until <paramref name="cancellationToken"/> fires (the enumeration then ends).</summary>
    /// <param name="cancellationToken">Ends the enumeration.</param>
    IAsyncEnumerable<ConsumeResult<TKey, TValue>> ConsumeAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Joins the consumer group (group.id) for <paramref name="topics"/>, replacing any previous subscription.</summary>
    /// <param name="topics">The topics.</param>
    void Subscribe(IEnumerable<string> topics);

    /// <summary>Joins the consumer group for one topic.</summary>
    /// <param name="topic">The topic.</param>
    void Subscribe(string topic);

    /// <summary>Revokes the assignment (committing it when auto-commit is on), then leaves the group.</summary>
    void Unsubscribe();

    /// <summary>Consumes exactly <paramref name="partition"/> from its committed offset (else auto.offset.reset).</summary>
    /// <param name="partition">The partition.</param>
    void Assign(TopicPartition partition);

    /// <summary>Consumes exactly <paramref name="partition"/> from the given offset (<see cref="Offset.Beginning"/>, <see cref="Offset.End"/>, <see cref="Offset.Stored"/> or a number).</summary>
    /// <param name="partition">The partition and start offset.</param>
    void Assign(TopicPartitionOffset partition);

    /// <summary>Replaces the manual assignment with <paramref name="partitions"/>, each from its committed offset.</summary>
    /// <param name="partitions">The partitions.</param>
    void Assign(IEnumerable<TopicPartition> partitions);

    /// <summary>Replaces the manual assignment with <paramref name="partitions"/>, each from the given offset.</summary>
    /// <param name="partitions">The partitions and start offsets.</param>
    void Assign(IEnumerable<TopicPartitionOffset> partitions);

    /// <summary>Adds partitions to the assignment, each from its committed offset.</summary>
    /// <param name="partitions">The partitions.</param>
    void IncrementalAssign(IEnumerable<TopicPartition> partitions);

    /// <summary>Adds partitions to the assignment from the given offsets.</summary>
    /// <param name="partitions">The partitions and start offsets.</param>
    void IncrementalAssign(IEnumerable<TopicPartitionOffset> partitions);

    /// <summary>Removes partitions from the assignment.</summary>
    /// <param name="partitions">The partitions.</param>
    void IncrementalUnassign(IEnumerable<TopicPartition> partitions);

    /// <summary>Removes the manual assignment.</summary>
    void Unassign();

    /// <summary>Commits the position of every assigned partition; returns what was committed.</summary>
    List<TopicPartitionOffset> Commit();

    /// <summary>Commits the given offsets (each the next offset to consume).</summary>
    /// <param name="offsets">The offsets.</param>
    void Commit(IEnumerable<TopicPartitionOffset> offsets);

    /// <summary>Commits the offset after <paramref name="result"/>.</summary>
    /// <param name="result">A consumed record.</param>
    void Commit(ConsumeResult<TKey, TValue> result);

    /// <summary>As <see cref="Commit()"/>, asynchronously.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task<List<TopicPartitionOffset>> CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>As <see cref="Commit(IEnumerable{TopicPartitionOffset})"/>, asynchronously.</summary>
    /// <param name="offsets">The offsets.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task CommitAsync(IEnumerable<TopicPartitionOffset> offsets, CancellationToken cancellationToken = default);

    /// <summary>The committed offsets of the assigned partitions (<see cref="Offset.Unset"/> where none).</summary>
    /// <param name="timeout">How long to wait.</param>
    List<TopicPartitionOffset> Committed(TimeSpan timeout);

    /// <summary>The committed offsets of <paramref name="partitions"/> (<see cref="Offset.Unset"/> where none).</summary>
    /// <param name="partitions">The partitions.</param>
    /// <param name="timeout">How long to wait.</param>
    List<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout);

    /// <summary>The next offset Consume returns for an assigned partition, or <see cref="Offset.Unset"/> while it is being looked up.</summary>
    /// <param name="partition">The partition.</param>
    Offset Position(TopicPartition partition);

    /// <summary>Moves the position of an assigned partition; <see cref="Offset.Beginning"/> and <see cref="Offset.End"/> reset it by ListOffsets.</summary>
    /// <param name="position">The partition and the new offset.</param>
    void Seek(TopicPartitionOffset position);

    /// <summary>Moves the positions of assigned partitions to the log start.</summary>
    /// <param name="partitions">The partitions.</param>
    void SeekToBeginning(IEnumerable<TopicPartition> partitions);

    /// <summary>Moves the positions of assigned partitions to the log end.</summary>
    /// <param name="partitions">The partitions.</param>
    void SeekToEnd(IEnumerable<TopicPartition> partitions);

    /// <summary>Stops fetching and returning records of the partitions until <see cref="Resume"/>.</summary>
    /// <param name="partitions">The partitions.</param>
    void Pause(IEnumerable<TopicPartition> partitions);

    /// <summary>Resumes paused partitions.</summary>
    /// <param name="partitions">The partitions.</param>
    void Resume(IEnumerable<TopicPartition> partitions);

    /// <summary>The log start offset and high watermark from the last fetch of an assigned partition (<see cref="Offset.Unset"/> when unknown).</summary>
    /// <param name="partition">The partition.</param>
    WatermarkOffsets GetWatermarkOffsets(TopicPartition partition);

    /// <summary>The log start offset and high watermark of any partition, asked from its leader.</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="timeout">How long to wait.</param>
    WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout);

    /// <summary>
    /// Leaves cleanly: commits the positions when auto-commit is on, runs the revoked handler, leaves
    /// the group (static members stay until their session expires) and releases the connections.
    /// </summary>
    void Close();
}
