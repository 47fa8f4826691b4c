using System.Buffers.Binary;

namespace ActorStream.Client.Consuming.Assignors;

/// <summary>
/// Kafka's CooperativeStickyAssignor (KIP-429): the sticky assignment computed from the partitions
/// members own now (their subscriptions list them), minus every partition that would change owner.
/// Such a partition stays with nobody in this rebalance: its owner sees it missing from its
/// assignment, revokes it and rejoins, and the follow-up rebalance hands it to its new member. So no
/// partition is ever owned by two members at once. The user data is the generation (int32), for
/// members whose subscription version predates the generation field. Stateless and thread-safe.
/// </summary>
internal sealed class CooperativeStickyAssignor : IPartitionAssignor
{
    public string Name => "cooperative-sticky";

    public bool SupportsCooperative => true;

    public byte[]? SubscriptionUserData(IReadOnlyList<TopicPartition> lastAssignment, int generation)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, generation);
        return bytes;
    }

    public Dictionary<string, List<TopicPartition>> Assign(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyList<AssignorMember> members)
    {
        var claims = new Dictionary<string, StickyAssignment.Claim>(members.Count, StringComparer.Ordinal);
        foreach (var member in members)
        {
            var generation = member.Generation;
            if (generation < 0 && member.UserData is { Length: >= 4 } data)
            {
                generation = BinaryPrimitives.ReadInt32BigEndian(data);
            }

            claims[member.MemberId] = new StickyAssignment.Claim(member.OwnedPartitions, generation);
        }

        var owners = StickyAssignment.CurrentOwners(partitionsPerTopic, members, claims);
        var target = StickyAssignment.Assign(partitionsPerTopic, members, owners);

        // Partitions changing hands wait for the follow-up rebalance, after their owner revoked them.
        foreach (var (memberId, partitions) in target)
        {
            partitions.RemoveAll(p => owners.TryGetValue(p, out var owner) && !string.Equals(owner, memberId, StringComparison.Ordinal));
        }

        return target;
    }
}
