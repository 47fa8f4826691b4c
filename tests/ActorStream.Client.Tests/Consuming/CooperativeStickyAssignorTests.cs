using ActorStream.Client.Consuming.Assignors;

namespace ActorStream.Client.Tests.Consuming;

[Trait("Category", "Unit")]
public sealed class CooperativeStickyAssignorTests
{
    [Fact]
    public void Assign_NewMember_FirstRoundRevokesOnlyMovingPartitionsSecondRoundHandsThemOver()
    {
        var topics = new Dictionary<string, int> { ["t"] = 4 };
        var assignor = new CooperativeStickyAssignor();
        List<TopicPartition> all = [new("t", 0), new("t", 1), new("t", 2), new("t", 3)];

        var first = assignor.Assign(topics, [Member("a", all, 3), Member("b", [], -1)]);

        Assert.Equal(2, first["a"].Count); // a keeps two, gives up two
        Assert.Empty(first["b"]); // b gets nothing until a has revoked

        var second = assignor.Assign(topics, [Member("a", first["a"], 4), Member("b", first["b"], 4)]);

        Assert.Equal(first["a"], second["a"]);
        Assert.Equal(2, second["b"].Count);
        Assert.Empty(second["b"].FindAll(first["a"].Contains));
    }

    [Fact]
    public void Assign_RandomMembershipChanges_NoPartitionOwnedTwiceAcrossBothPhases()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var topics = AssignorScenario.RandomTopics(random);
            var owned = new Dictionary<string, List<TopicPartition>>();
            foreach (var id in AssignorScenario.RandomMemberIds(random, 1, 6))
            {
                owned[id] = [];
            }

            var generation = 1;
            for (var step = 0; step < 12; step++)
            {
                var context = AssignorScenario.Describe(seed, step);
                StickyAssignorTests.ChangeMembership(random, owned);
                var before = Copy(owned);

                // Phase 1: assign from what everyone owns now; moving partitions go to nobody.
                var first = Assign(topics, owned, generation++);
                AssertNoDoubleOwnership(owned, first, context + ", phase 1");

                // Members revoke what they lost; everything they were given was free.
                foreach (var id in new List<string>(owned.Keys))
                {
                    owned[id] = first[id];
                }

                // Phase 2: the revoked partitions are free now and reach their new owners.
                var second = Assign(topics, owned, generation++);
                AssertNoDoubleOwnership(owned, second, context + ", phase 2");
                var members = Members(owned, generation);
                AssignorScenario.AssertComplete(topics, members, second, context + ", phase 2");
                AssignorScenario.AssertBalanced(second, context + ", phase 2");
                foreach (var (id, partitions) in first)
                {
                    Assert.True(new HashSet<TopicPartition>(second[id]).IsSupersetOf(partitions), $"{context}: phase 2 revoked more from {id}");
                }

                StickyAssignorTests.AssertSticky(before, second, context);
                foreach (var id in new List<string>(owned.Keys))
                {
                    owned[id] = second[id];
                }
            }
        }
    }

    /// <summary>A member is only given partitions that no other member owns at that moment.</summary>
    private static void AssertNoDoubleOwnership(Dictionary<string, List<TopicPartition>> owned, Dictionary<string, List<TopicPartition>> assignment, string context)
    {
        var owner = new Dictionary<TopicPartition, string>();
        foreach (var (id, partitions) in owned)
        {
            foreach (var partition in partitions)
            {
                owner[partition] = id;
            }
        }

        var given = new HashSet<TopicPartition>();
        foreach (var (id, partitions) in assignment)
        {
            foreach (var partition in partitions)
            {
                Assert.True(given.Add(partition), $"{context}: {partition} assigned twice");
                Assert.False(owner.TryGetValue(partition, out var current) && current != id,
                    $"{context}: {partition} given to {id} while {owner.GetValueOrDefault(partition)} still owns it");
            }
        }
    }

    private static Dictionary<string, List<TopicPartition>> Assign(Dictionary<string, int> topics, Dictionary<string, List<TopicPartition>> owned, int generation) =>
        new CooperativeStickyAssignor().Assign(topics, Members(owned, generation));

    private static List<AssignorMember> Members(Dictionary<string, List<TopicPartition>> owned, int generation)
    {
        var members = new List<AssignorMember>();
        foreach (var (id, partitions) in owned)
        {
            members.Add(Member(id, partitions, partitions.Count == 0 ? -1 : generation));
        }

        return members;
    }

    private static Dictionary<string, List<TopicPartition>> Copy(Dictionary<string, List<TopicPartition>> source)
    {
        var copy = new Dictionary<string, List<TopicPartition>>();
        foreach (var (id, partitions) in source)
        {
            copy[id] = [.. partitions];
        }

        return copy;
    }

    private static AssignorMember Member(string id, List<TopicPartition> owned, int generation) =>
        new(id, null, ["t", "t0", "t1", "t2", "t3"], owned, generation);
}
