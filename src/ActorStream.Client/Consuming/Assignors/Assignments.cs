namespace ActorStream.Client.Consuming.Assignors;

/// <summary>Helpers shared by the assignors: sorting, empty results, lookups. Stateless and thread-safe.</summary>
internal static class Assignments
{
    /// <summary>Orders partitions by topic (ordinal), then partition number.</summary>
    public static int Compare(TopicPartition a, TopicPartition b)
    {
        var byTopic = string.CompareOrdinal(a.Topic, b.Topic);
        return byTopic != 0 ? byTopic : a.Partition.Value.CompareTo(b.Partition.Value);
    }

    /// <summary>An empty list per member.</summary>
    public static Dictionary<string, List<TopicPartition>> Empty(IReadOnlyList<AssignorMember> members)
    {
        var result = new Dictionary<string, List<TopicPartition>>(members.Count, StringComparer.Ordinal);
        foreach (var member in members)
        {
            result[member.MemberId] = [];
        }

        return result;
    }

    /// <summary>The members in Kafka's order (see <see cref="AssignorMember.Compare"/>).</summary>
    public static AssignorMember[] Sorted(IReadOnlyList<AssignorMember> members)
    {
        var sorted = new AssignorMember[members.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = members[i];
        }

        Array.Sort(sorted, AssignorMember.Compare);
        return sorted;
    }

    /// <summary>Every partition of the topics some member subscribes to and that exist, sorted.</summary>
    public static List<TopicPartition> AllPartitions(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyList<AssignorMember> members)
    {
        var topics = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            foreach (var topic in member.Topics)
            {
                if (partitionsPerTopic.ContainsKey(topic))
                {
                    topics.Add(topic);
                }
            }
        }

        var all = new List<TopicPartition>();
        foreach (var topic in topics)
        {
            var count = partitionsPerTopic[topic];
            for (var p = 0; p < count; p++)
            {
                all.Add(new TopicPartition(topic, p));
            }
        }

        return all;
    }

    /// <summary>Sorts every member's list.</summary>
    public static Dictionary<string, List<TopicPartition>> SortEach(Dictionary<string, List<TopicPartition>> assignment)
    {
        foreach (var list in assignment.Values)
        {
            list.Sort(Compare);
        }

        return assignment;
    }
}
