namespace ActorStream.Client.Consuming.Assignors;

/// <summary>
/// Kafka's StickyAssignor (eager rebalancing): balanced like round robin, but each member keeps as
/// many of its previous partitions as balance allows. Under the eager protocol members revoke
/// everything before they rejoin, so what they owned travels in the user data (previous assignment
/// and generation, <see cref="StickyUserData"/>); owned partitions in the subscription count too, as
/// in Kafka. Stateless and thread-safe.
/// </summary>
internal sealed class StickyAssignor : IPartitionAssignor
{
    public string Name => "sticky";

    public bool SupportsCooperative => false;

    public byte[]? SubscriptionUserData(IReadOnlyList<TopicPartition> lastAssignment, int generation) =>
        StickyUserData.Write(lastAssignment, generation);

    public Dictionary<string, List<TopicPartition>> Assign(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyList<AssignorMember> members)
    {
        var claims = new Dictionary<string, StickyAssignment.Claim>(members.Count, StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (member.OwnedPartitions.Count > 0)
            {
                var generation = member.Generation;
                if (generation < 0 && member.UserData is { } data && StickyUserData.TryRead(data, out _, out var userDataGeneration))
                {
                    generation = userDataGeneration;
                }

                claims[member.MemberId] = new StickyAssignment.Claim(member.OwnedPartitions, generation);
            }
            else if (member.UserData is { } data && StickyUserData.TryRead(data, out var previous, out var generation))
            {
                claims[member.MemberId] = new StickyAssignment.Claim(previous, generation);
            }
        }

        var owners = StickyAssignment.CurrentOwners(partitionsPerTopic, members, claims);
        return StickyAssignment.Assign(partitionsPerTopic, members, owners);
    }
}
