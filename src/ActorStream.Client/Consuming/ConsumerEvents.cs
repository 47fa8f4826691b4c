namespace ActorStream.Client.Consuming;

/// <summary>
/// What the group membership loop hands to the application's thread: the next Consume call (or
/// Close) takes these in order, runs the rebalance handlers and applies the change, so handlers run
/// on the thread that consumes, as in the Java and Confluent clients.
/// </summary>
internal static class ConsumerEvents
{
    /// <summary>Marker for the events.</summary>
    internal interface IConsumerEvent;

    /// <summary>
    /// Stop consuming <paramref name="Partitions"/>: commit them first when auto-commit is on (unless
    /// <paramref name="Lost"/>: another member may own them already), run the revoked (or lost) handler,
    /// drop them, then complete <paramref name="Done"/> so that the membership loop can rejoin.
    /// </summary>
    /// <param name="Partitions">The partitions to give up.</param>
    /// <param name="Lost">True when the membership was lost (session expired, fenced, poll timeout): no commit, lost handler.</param>
    /// <param name="Done">Completed once the partitions are dropped.</param>
    internal sealed record PartitionsRevoked(List<TopicPartition> Partitions, bool Lost, TaskCompletionSource Done) : IConsumerEvent;

    /// <summary>
    /// Start consuming <paramref name="Partitions"/>: added to the assignment when
    /// <paramref name="Incremental"/> (cooperative), else the whole new assignment.
    /// </summary>
    /// <param name="Partitions">The partitions.</param>
    /// <param name="Incremental">True under cooperative rebalancing.</param>
    /// <param name="MembershipEpoch">The consumer's membership epoch when the rebalance began; a stale event (after Unsubscribe) is ignored.</param>
    internal sealed record PartitionsAssigned(List<TopicPartition> Partitions, bool Incremental, int MembershipEpoch) : IConsumerEvent;

    /// <summary>An error for the application: thrown from Consume when <paramref name="Fatal"/>, else passed to the error handler.</summary>
    /// <param name="Error">The error.</param>
    /// <param name="Fatal">True when the consumer cannot go on (e.g. its group.instance.id was fenced).</param>
    internal sealed record ConsumerError(KafkaError Error, bool Fatal) : IConsumerEvent;
}
