namespace ActorStream.Client;

/// <summary>How a consumer group's leader spreads partitions over the members (<c>partition.assignment.strategy</c>).</summary>
public enum PartitionAssignmentStrategy
{
    /// <summary>Per topic, consecutive ranges of partitions to members in order (<c>range</c>).</summary>
    Range = 0,

    /// <summary>All partitions dealt out to the members in turn (<c>roundrobin</c>).</summary>
    RoundRobin = 1,

    /// <summary>Balanced, keeping each member's previous partitions where balance allows; eager rebalancing (<c>sticky</c>).</summary>
    Sticky = 2,

    /// <summary>
    /// As <see cref="Sticky"/>, with incremental cooperative rebalancing: members keep consuming the
    /// partitions that stay theirs, and only partitions that move are revoked (<c>cooperative-sticky</c>).
    /// </summary>
    CooperativeSticky = 3,
}
