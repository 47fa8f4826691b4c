using ActorStream.Client.Consuming.Assignors;

namespace ActorStream.Client.Tests.Consuming;

[Trait("Category", "Unit")]
public sealed class StickyAssignorTests
{
    [Fact]
    public void Assign_ThirdMemberJoins_EachOldMemberKeepsWhatBalanceAllows()
    {
        var topics = new Dictionary<string, int> { ["t"] = 6 };
        var assignor = new StickyAssignor();
        var first = assignor.Assign(topics, [Member("a", [], 1), Member("b", [], 1)]);
        Assert.Equal(3, first["a"].Count);
        Assert.Equal(3, first["b"].Count);

        var second = assignor.Assign(topics, [Member("a", first["a"], 1), Member("b", first["b"], 1), Member("c", [], -1)]);

        Assert.Equal(2, second["a"].Count);
        Assert.Equal(2, second["b"].Count);
        Assert.Equal(2, second["c"].Count);
        Assert.All(second["a"], p => Assert.Contains(p, first["a"]));
        Assert.All(second["b"], p => Assert.Contains(p, first["b"]));
    }

    [Fact]
    public void Assign_MemberLeaves_SurvivorsKeepEverythingAndShareTheRest()
    {
        var topics = new Dictionary<string, int> { ["t"] = 9 };
        var assignor = new StickyAssignor();
        var first = assignor.Assign(topics, [Member("a", [], 1), Member("b", [], 1), Member("c", [], 1)]);

        var second = assignor.Assign(topics, [Member("a", first["a"], 1), Member("c", first["c"], 1)]);

        Assert.Superset(new HashSet<TopicPartition>(first["a"]), new HashSet<TopicPartition>(second["a"]));
        Assert.Superset(new HashSet<TopicPartition>(first["c"]), new HashSet<TopicPartition>(second["c"]));
        Assert.Equal(9, second["a"].Count + second["c"].Count);
    }

    [Fact]
    public void Assign_TwoClaimsForOnePartition_HigherGenerationWins()
    {
        var topics = new Dictionary<string, int> { ["t"] = 2 };
        var result = new StickyAssignor().Assign(topics,
        [
            Member("a", [new("t", 0)], 5),
            Member("b", [new("t", 0), new("t", 1)], 4), // stale: it missed generation 5
        ]);

        Assert.Equal([new("t", 0)], result["a"]);
        Assert.Equal([new("t", 1)], result["b"]);
    }

    [Fact]
    public void Assign_RandomMembershipChanges_CompleteBalancedAndSticky()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var topics = AssignorScenario.RandomTopics(random);
            var current = new Dictionary<string, List<TopicPartition>>();
            foreach (var id in AssignorScenario.RandomMemberIds(random, 1, 6))
            {
                current[id] = [];
            }

            var generation = 1;
            for (var step = 0; step < 12; step++)
            {
                ChangeMembership(random, current);
                var members = new List<AssignorMember>();
                foreach (var (id, owned) in current)
                {
                    members.Add(Member(id, owned, owned.Count == 0 ? -1 : generation));
                }

                var result = new StickyAssignor().Assign(topics, members);
                var context = AssignorScenario.Describe(seed, step);
                AssignorScenario.AssertComplete(topics, members, result, context);
                AssignorScenario.AssertBalanced(result, context);
                AssertSticky(current, result, context);

                foreach (var id in current.Keys)
                {
                    current[id] = result[id];
                }

                generation++;
            }
        }
    }

    [Fact]
    public void Assign_RandomUnequalSubscriptions_CompleteAndNoImprovingMove()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var topics = AssignorScenario.RandomTopics(random, maxTopics: 5);
            var names = new List<string>(topics.Keys);
            var previous = new Dictionary<string, List<TopicPartition>>();
            var subscriptions = new Dictionary<string, List<string>>();
            foreach (var id in AssignorScenario.RandomMemberIds(random, 1, 7))
            {
                var mine = names.FindAll(_ => random.Next(2) == 0);
                subscriptions[id] = mine.Count > 0 ? mine : [names[random.Next(names.Count)]];
                previous[id] = [];
            }

            for (var step = 0; step < 4; step++)
            {
                var members = new List<AssignorMember>();
                foreach (var (id, topicsOfMember) in subscriptions)
                {
                    members.Add(new AssignorMember(id, null, topicsOfMember, [], -1, StickyUserData.Write(previous[id], step)));
                }

                var result = new StickyAssignor().Assign(topics, members);
                var context = AssignorScenario.Describe(seed, step);
                AssignorScenario.AssertComplete(topics, members, result, context);
                AssignorScenario.AssertNoImprovingMove(members, result, context);
                previous = result;
            }
        }
    }

    [Fact]
    public void StickyUserData_RoundTrip_KeepsAssignmentAndGeneration()
    {
        List<TopicPartition> assignment = [new("orders", 3), new("orders", 1), new("payments", 0)];

        var bytes = StickyUserData.Write(assignment, 17);

        Assert.True(StickyUserData.TryRead(bytes, out var read, out var generation));
        Assert.Equal(17, generation);
        Assert.Equal(new HashSet<TopicPartition>(assignment), new HashSet<TopicPartition>(read));
        Assert.False(StickyUserData.TryRead(bytes.AsSpan(0, 7), out _, out _));
    }

    /// <summary>Each surviving member keeps as many of its partitions as its new count allows.</summary>
    internal static void AssertSticky(Dictionary<string, List<TopicPartition>> before, Dictionary<string, List<TopicPartition>> after, string context)
    {
        foreach (var (id, previous) in before)
        {
            if (!after.TryGetValue(id, out var now))
            {
                continue;
            }

            var kept = 0;
            foreach (var partition in previous)
            {
                kept += now.Contains(partition) ? 1 : 0;
            }

            Assert.True(kept == Math.Min(previous.Count, now.Count),
                $"{context}: {id} kept {kept} of its {previous.Count} partitions though it now has {now.Count}");
        }
    }

    /// <summary>A member joins or leaves (or nothing happens); new members start with nothing.</summary>
    internal static void ChangeMembership(Random random, Dictionary<string, List<TopicPartition>> members)
    {
        switch (random.Next(3))
        {
            case 0:
                string id;
                do
                {
                    id = AssignorScenario.NewMemberId(random);
                }
                while (members.ContainsKey(id));

                members[id] = [];
                break;
            case 1 when members.Count > 1:
                var ids = new List<string>(members.Keys);
                members.Remove(ids[random.Next(ids.Count)]);
                break;
        }
    }

    private static AssignorMember Member(string id, List<TopicPartition> previous, int generation) =>
        new(id, null, ["t", "t0", "t1", "t2", "t3"], [], -1, StickyUserData.Write(previous, generation));
}
