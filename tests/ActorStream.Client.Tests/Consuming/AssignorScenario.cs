using ActorStream.Client.Consuming.Assignors;

namespace ActorStream.Client.Tests.Consuming;

/// <summary>
/// Random groups for the assignor properties: topics with random partition counts, members that
/// subscribe to all of them (or to random subsets), and checks shared by the assignor specs.
/// Deterministic per seed.
/// </summary>
internal static class AssignorScenario
{
    public static Dictionary<string, int> RandomTopics(Random random, int maxTopics = 4, int maxPartitions = 16)
    {
        var topics = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = random.Next(1, maxTopics + 1);
        for (var i = 0; i < count; i++)
        {
            topics["t" + i] = random.Next(1, maxPartitions + 1);
        }

        return topics;
    }

    public static List<string> RandomMemberIds(Random random, int min, int max)
    {
        var ids = new List<string>();
        var count = random.Next(min, max + 1);
        while (ids.Count < count)
        {
            var id = NewMemberId(random);
            if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    public static string NewMemberId(Random random) => "m-" + random.Next(1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static List<TopicPartition> AllPartitions(IReadOnlyDictionary<string, int> topics)
    {
        var all = new List<TopicPartition>();
        foreach (var (topic, count) in topics)
        {
            for (var p = 0; p < count; p++)
            {
                all.Add(new TopicPartition(topic, p));
            }
        }

        return all;
    }

    /// <summary>Every partition of a topic some member subscribes to is assigned exactly once, to a subscriber.</summary>
    public static void AssertComplete(IReadOnlyDictionary<string, int> topics, IReadOnlyList<AssignorMember> members, Dictionary<string, List<TopicPartition>> assignment, string context)
    {
        var seen = new Dictionary<TopicPartition, string>();
        foreach (var member in members)
        {
            Assert.True(assignment.ContainsKey(member.MemberId), $"{context}: member {member.MemberId} is missing from the assignment");
            foreach (var partition in assignment[member.MemberId])
            {
                Assert.True(member.Subscribes(partition.Topic), $"{context}: {partition} went to {member.MemberId}, which does not subscribe to it");
                Assert.True(seen.TryAdd(partition, member.MemberId), $"{context}: {partition} is assigned to both {seen.GetValueOrDefault(partition)} and {member.MemberId}");
            }
        }

        foreach (var partition in AllPartitions(topics))
        {
            var subscribed = false;
            foreach (var member in members)
            {
                subscribed |= member.Subscribes(partition.Topic);
            }

            if (subscribed)
            {
                Assert.True(seen.ContainsKey(partition), $"{context}: {partition} is assigned to nobody");
            }
        }
    }

    /// <summary>Partition counts differ by at most one.</summary>
    public static void AssertBalanced(Dictionary<string, List<TopicPartition>> assignment, string context)
    {
        var min = int.MaxValue;
        var max = 0;
        foreach (var list in assignment.Values)
        {
            min = Math.Min(min, list.Count);
            max = Math.Max(max, list.Count);
        }

        Assert.True(max - min <= 1, $"{context}: counts range from {min} to {max}");
    }

    /// <summary>Kafka's balance for unequal subscriptions: no partition could move to an eligible member with at least two fewer.</summary>
    public static void AssertNoImprovingMove(IReadOnlyList<AssignorMember> members, Dictionary<string, List<TopicPartition>> assignment, string context)
    {
        foreach (var from in members)
        {
            foreach (var partition in assignment[from.MemberId])
            {
                foreach (var to in members)
                {
                    if (to.Subscribes(partition.Topic))
                    {
                        Assert.False(assignment[to.MemberId].Count < assignment[from.MemberId].Count - 1,
                            $"{context}: {partition} could move from {from.MemberId} ({assignment[from.MemberId].Count}) to {to.MemberId} ({assignment[to.MemberId].Count})");
                    }
                }
            }
        }
    }

    public static string Describe(int seed, int step) => $"seed {seed}, step {step}";
}
