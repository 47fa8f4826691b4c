namespace ActorStream.Client.Consuming.Assignors;

/// <summary>
/// Kafka's RangeAssignor: per topic, the members that subscribe to it (in member order) get
/// consecutive ranges of partitions; the first <c>partitions % members</c> get one more.
/// Stateless and thread-safe.
/// </summary>
internal sealed class RangeAssignor : IPartitionAssignor
{
    public string Name => "range";

    public bool SupportsCooperative => false;

    public byte[]? SubscriptionUserData(IReadOnlyList<TopicPartition> lastAssignment, int generation) => null;

    public Dictionary<string, List<TopicPartition>> Assign(IReadOnlyDictionary<string, int> partitionsPerTopic, IReadOnlyList<AssignorMember> members)
    {
        var result = Assignments.Empty(members);
        var sorted = Assignments.Sorted(members);
        var consumers = new List<AssignorMember>(sorted.Length);
        foreach (var (topic, partitions) in partitionsPerTopic)
        {
            consumers.Clear();
            foreach (var member in sorted)
            {
                if (member.Subscribes(topic))
                {
                    consumers.Add(member);
                }
            }

            if (consumers.Count == 0)
            {
                continue;
            }

            var perConsumer = partitions / consumers.Count;
            var extra = partitions % consumers.Count;
            for (var i = 0; i < consumers.Count; i++)
            {
                var start = (perConsumer * i) + Math.Min(i, extra);
                var length = perConsumer + (i < extra ? 1 : 0);
                var list = result[consumers[i].MemberId];
                for (var p = start; p < start + length; p++)
                {
                    list.Add(new TopicPartition(topic, p));
                }
            }
        }

        return Assignments.SortEach(result);
    }
}
