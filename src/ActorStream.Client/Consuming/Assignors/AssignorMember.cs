namespace ActorStream.Client.Consuming.Assignors;

/// <summary>
/// One group member as the leader's assignor sees it: its identity, its subscription and what it
/// says it owns (the subscription's owned partitions and generation, KIP-429) plus the assignor's
/// user data. Immutable.
/// </summary>
/// <param name="MemberId">The member id the coordinator gave it.</param>
/// <param name="GroupInstanceId">Its group.instance.id when it is a static member.</param>
/// <param name="Topics">The topics it subscribes to.</param>
/// <param name="OwnedPartitions">The partitions it owns now (cooperative protocol; empty under eager, which revokes before joining).</param>
/// <param name="Generation">The generation its owned partitions come from, -1 when unknown.</param>
/// <param name="UserData">The assignor-specific part of its subscription, or null.</param>
internal sealed record AssignorMember(
    string MemberId,
    string? GroupInstanceId,
    IReadOnlyList<string> Topics,
    IReadOnlyList<TopicPartition> OwnedPartitions,
    int Generation = -1,
    byte[]? UserData = null)
{
    /// <summary>
    /// Kafka's member order: static members first, by group.instance.id, then dynamic members by member
    /// id (ordinal). Assignors walk members in this order so that static members keep their place across restarts.
    /// </summary>
    public static int Compare(AssignorMember a, AssignorMember b)
    {
        if (a.GroupInstanceId is not null && b.GroupInstanceId is not null)
        {
            return string.CompareOrdinal(a.GroupInstanceId, b.GroupInstanceId);
        }

        if (a.GroupInstanceId is not null)
        {
            return -1;
        }

        if (b.GroupInstanceId is not null)
        {
            return 1;
        }

        return string.CompareOrdinal(a.MemberId, b.MemberId);
    }

    /// <summary>True if the member subscribes to <paramref name="topic"/>.</summary>
    public bool Subscribes(string topic)
    {
        foreach (var t in Topics)
        {
            if (string.Equals(t, topic, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
