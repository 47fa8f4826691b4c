using ActorStream.Client.Consuming.Assignors;

namespace ActorStream.Client.Tests.Consuming;

[Trait("Category", "Unit")]
public sealed class RoundRobinAssignorTests
{
    [Fact]
    public void Assign_TwoTopics_DealsPartitionsInTurn()
    {
        var members = new List<AssignorMember> { new("a", null, ["t1", "t2"], []), new("b", null, ["t1", "t2"], []) };

        var result = new RoundRobinAssignor().Assign(new Dictionary<string, int> { ["t1"] = 3, ["t2"] = 2 }, members);

        Assert.Equal([new("t1", 0), new("t1", 2), new("t2", 1)], result["a"]);
        Assert.Equal([new("t1", 1), new("t2", 0)], result["b"]);
    }

    [Fact]
    public void Assign_RandomGroupsEqualSubscriptions_CompleteAndBalanced()
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

            var result = new RoundRobinAssignor().Assign(topics, members);

            AssignorScenario.AssertComplete(topics, members, result, $"seed {seed}");
            AssignorScenario.AssertBalanced(result, $"seed {seed}");
        }
    }
}
