namespace ActorStream.Client.Consuming.Assignors;

/// <summary>
/// Kafka's RoundRobinAssignor: every partition of every subscribed topic, in topic and partition
/// order, goes to the next member (in member order) that subscribes to its topic. Stateless and thread-safe.
/// </summary>
internal sealed class RoundRobinAssignor : IPartitionAssignor
{
    public string Name => "roundrobin";

    public bool SupportsCooperative => false;

    public byte[]? SubscriptionUserData(IReadOnlyList<TopicPartition> lastAssignment, int generation) => null;

    public Dictionary<string, List<TopicPartition>> Assign(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyList<AssignorMember> members)
    {
        var result = Assignments.Empty(members);
        var sorted = Assignments.Sorted(members);
        if (sorted.Length == 0)
        {
            return result;
        }

        var next = 0;
        foreach (var partition in Assignments.AllPartitions(partitionsPerTopic, members))
        {
            // Some member subscribes to the topic (AllPartitions lists only such topics), so this ends.
            while (!sorted[next].Subscribes(partition.Topic))
            {
                next = (next + 1) % sorted.Length;
            }

            result[sorted[next].MemberId].Add(partition);
            next = (next + 1) % sorted.Length;
        }

        return result;
    }
}
