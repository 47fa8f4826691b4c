using ActorStream.Client.Consuming.Assignors;

namespace ActorStream.Client.Tests.Consuming;

[Trait("Category", "Unit")]
public sealed class RangeAssignorTests
{
    [Fact]
    public void Assign_SevenPartitionsThreeMembers_GivesConsecutiveRangesFirstMembersLarger()
    {
        var members = new List<AssignorMember>
        {
            new("b", null, ["t"], []),
            new("a", null, ["t"], []),
            new("c", null, ["t"], []),
        };

        var result = new RangeAssignor().Assign(new Dictionary<string, int> { ["t"] = 7 }, members);

        Assert.Equal([new("t", 0), new("t", 1), new("t", 2)], result["a"]);
        Assert.Equal([new("t", 3), new("t", 4)], result["b"]);
        Assert.Equal([new("t", 5), new("t", 6)], result["c"]);
    }

    [Fact]
    public void Assign_StaticMembers_OrderedByInstanceIdBeforeDynamicOnes()
    {
        var members = new List<AssignorMember>
        {
            new("a-dynamic", null, ["t"], []),
            new("z-member", "instance-1", ["t"], []),
        };

        var result = new RangeAssignor().Assign(new Dictionary<string, int> { ["t"] = 3 }, members);

        Assert.Equal([new("t", 0), new("t", 1)], result["z-member"]);
        Assert.Equal([new("t", 2)], result["a-dynamic"]);
    }

    [Fact]
    public void Assign_RandomGroups_CompleteAndBalancedPerTopic()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var topics = AssignorScenario.RandomTopics(random);
            var members = new List<AssignorMember>();
            foreach (var id in AssignorScenario.RandomMemberIds(random, 1, 8))
            {
                members.Add(new AssignorMember(id, null, [.. topics.Keys], []));
            }

            var result = new RangeAssignor().Assign(topics, members);

            AssignorScenario.AssertComplete(topics, members, result, $"seed {seed}");
            foreach (var topic in topics.Keys)
            {
                var perTopic = new Dictionary<string, List<TopicPartition>>();
                foreach (var (member, partitions) in result)
                {
                    perTopic[member] = partitions.FindAll(p => p.Topic == topic);
                }

                AssignorScenario.AssertBalanced(perTopic, $"seed {seed}, topic {topic}");
            }
        }
    }

    [Fact]
    public void Assign_MemberWithoutSubscribedTopic_GetsNothingOfIt()
    {
        var members = new List<AssignorMember>
        {
            new("a", null, ["t1"], []),
            new("b", null, ["t1", "t2"], []),
        };

        var result = new RangeAssignor().Assign(new Dictionary<string, int> { ["t1"] = 2, ["t2"] = 2 }, members);

        Assert.Equal([new("t1", 0)], result["a"]);
        Assert.Equal([new("t1", 1), new("t2", 0), new("t2", 1)], result["b"]);
    }
}
