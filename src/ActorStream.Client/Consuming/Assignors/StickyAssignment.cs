namespace ActorStream.Client.Consuming.Assignors;

/// <summary>
/// The balancing core of the sticky assignors (Kafka's AbstractStickyAssignor), in two steps:
/// <list type="number">
/// <item>Work out who owns what now: every member's claim (owned partitions or user data, with its
/// generation) counts if the partition exists and the member still subscribes to its topic; for a
/// partition claimed twice the higher generation wins, and a tie leaves it unowned.</item>
/// <item>Assign: when every member subscribes to the same topics, each member keeps up to its quota
/// (⌊P/M⌋, or ⌈P/M⌉ for the first P mod M members that own that many) and the rest is dealt to the
/// members below quota, so partition counts differ by at most one. Otherwise owners keep their
/// partitions, unowned partitions go to the least loaded eligible member (most constrained
/// partitions first), then partitions move one at a time from a member to an eligible one with at
/// least two fewer until no such move exists.</item>
/// </list>
/// Stateless and thread-safe.
/// </summary>
internal static class StickyAssignment
{
    /// <summary>A member's claim: the partitions it says it owns and the generation they come from.</summary>
    /// <param name="Partitions">The claimed partitions.</param>
    /// <param name="Generation">The generation, -1 when unknown.</param>
    public readonly record struct Claim(IReadOnlyList<TopicPartition> Partitions, int Generation);

    /// <summary>The current owner of each partition, from the members' claims (see the type summary).</summary>
    public static Dictionary<TopicPartition, string> CurrentOwners(
        IReadOnlyDictionary<string, int> partitionsPerTopic,
        IReadOnlyList<AssignorMember> members,
        IReadOnlyDictionary<string, Claim> claims)
    {
        var best = new Dictionary<TopicPartition, (string Owner, int Generation, bool Conflicted)>();
        foreach (var member in members)
        {
            if (!claims.TryGetValue(member.MemberId, out var claim))
            {
                continue;
            }

            foreach (var partition in claim.Partitions)
            {
                if (!partitionsPerTopic.TryGetValue(partition.Topic, out var count) || partition.Partition.Value >= count
                    || partition.Partition.Value < 0 || !member.Subscribes(partition.Topic))
                {
                    continue;
                }

                if (!best.TryGetValue(partition, out var current) || claim.Generation > current.Generation)
                {
                    best[partition] = (member.MemberId, claim.Generation, false);
                }
                else if (claim.Generation == current.Generation && !string.Equals(current.Owner, member.MemberId, StringComparison.Ordinal))
                {
                    best[partition] = (current.Owner, current.Generation, true);
                }
            }
        }

        var owners = new Dictionary<TopicPartition, string>(best.Count);
        foreach (var (partition, (owner, _, conflicted)) in best)
        {
            if (!conflicted)
            {
                owners[partition] = owner;
            }
        }

        return owners;
    }

    /// <summary>The balanced, sticky assignment of every subscribed partition, given the current <paramref name="owners"/>.</summary>
    public static Dictionary<string, List<TopicPartition>> Assign(
        IReadOnlyDictionary<string, int> partitionsPerTopic,
        IReadOnlyList<AssignorMember> members,
        IReadOnlyDictionary<TopicPartition, string> owners)
    {
        var result = Assignments.Empty(members);
        if (members.Count == 0)
        {
            return result;
        }

        var sorted = Assignments.Sorted(members);
        var all = Assignments.AllPartitions(partitionsPerTopic, members);
        if (AllSubscriptionsEqual(sorted))
        {
            AssignEqual(sorted, all, owners, result);
        }
        else
        {
            AssignGeneral(sorted, all, owners, result);
        }

        return Assignments.SortEach(result);
    }

    private static bool AllSubscriptionsEqual(AssignorMember[] members)
    {
        var first = new HashSet<string>(members[0].Topics, StringComparer.Ordinal);
        for (var i = 1; i < members.Length; i++)
        {
            if (!first.SetEquals(members[i].Topics))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every member subscribes to every topic in <paramref name="all"/>: quotas make the counts differ by at most one.</summary>
    private static void AssignEqual(
        AssignorMember[] members,
        List<TopicPartition> all,
        IReadOnlyDictionary<TopicPartition, string> owners,
        Dictionary<string, List<TopicPartition>> result)
    {
        var minQuota = all.Count / members.Length;
        var extras = all.Count % members.Length; // members that may hold minQuota + 1
        var owned = OwnedPerMember(members, all, owners);

        // Members owning the most keep their extra partition first: that moves the fewest partitions.
        var byOwned = (AssignorMember[])members.Clone();
        Array.Sort(byOwned, (a, b) =>
        {
            var byCount = owned[b.MemberId].Count.CompareTo(owned[a.MemberId].Count);
            return byCount != 0 ? byCount : AssignorMember.Compare(a, b);
        });

        var unassigned = new HashSet<TopicPartition>(all);
        foreach (var member in byOwned)
        {
            var mine = owned[member.MemberId];
            var keep = Math.Min(mine.Count, minQuota);
            if (mine.Count > minQuota && extras > 0)
            {
                keep = minQuota + 1;
                extras--;
            }

            var list = result[member.MemberId];
            for (var i = 0; i < keep; i++)
            {
                list.Add(mine[i]);
                unassigned.Remove(mine[i]);
            }
        }

        foreach (var partition in all)
        {
            if (!unassigned.Contains(partition))
            {
                continue;
            }

            // Below quota first (fewest partitions, then member order); then one extra while extras remain.
            AssignorMember? target = null;
            foreach (var member in members)
            {
                var count = result[member.MemberId].Count;
                if (count < minQuota && (target is null || count < result[target.MemberId].Count))
                {
                    target = member;
                }
            }

            if (target is null)
            {
                foreach (var member in members)
                {
                    if (result[member.MemberId].Count == minQuota && extras > 0)
                    {
                        target = member;
                        extras--;
                        break;
                    }
                }
            }

            // Unreachable when the quotas add up; kept as a guard so that no partition is ever dropped.
            target ??= LeastLoaded(members, result, partition.Topic, exclude: null)!;
            result[target.MemberId].Add(partition);
        }
    }

    /// <summary>Members subscribe to different topics: keep owners, fill the least loaded, then move while a move helps.</summary>
    private static void AssignGeneral(
        AssignorMember[] members,
        List<TopicPartition> all,
        IReadOnlyDictionary<TopicPartition, string> owners,
        Dictionary<string, List<TopicPartition>> result)
    {
        var owned = OwnedPerMember(members, all, owners);
        var unassigned = new List<TopicPartition>();
        var assigned = new HashSet<TopicPartition>();
        foreach (var member in members)
        {
            result[member.MemberId].AddRange(owned[member.MemberId]);
            assigned.UnionWith(owned[member.MemberId]);
        }

        var eligibleCount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var partition in all)
        {
            if (!eligibleCount.ContainsKey(partition.Topic))
            {
                var n = 0;
                foreach (var member in members)
                {
                    n += member.Subscribes(partition.Topic) ? 1 : 0;
                }

                eligibleCount[partition.Topic] = n;
            }

            if (!assigned.Contains(partition))
            {
                unassigned.Add(partition);
            }
        }

        // Most constrained partitions first, so they still find room.
        unassigned.Sort((a, b) =>
        {
            var byEligible = eligibleCount[a.Topic].CompareTo(eligibleCount[b.Topic]);
            return byEligible != 0 ? byEligible : Assignments.Compare(a, b);
        });
        foreach (var partition in unassigned)
        {
            if (LeastLoaded(members, result, partition.Topic, exclude: null) is { } target)
            {
                result[target.MemberId].Add(partition);
            }
        }

        // Each move lowers the sum of squared counts by at least 2, so this ends.
        var moved = true;
        while (moved)
        {
            moved = false;
            var byLoad = (AssignorMember[])members.Clone();
            Array.Sort(byLoad, (a, b) =>
            {
                var byCount = result[b.MemberId].Count.CompareTo(result[a.MemberId].Count);
                return byCount != 0 ? byCount : AssignorMember.Compare(a, b);
            });
            foreach (var from in byLoad)
            {
                var list = result[from.MemberId];
                for (var i = list.Count - 1; i >= 0 && !moved; i--)
                {
                    var partition = list[i];
                    var to = LeastLoaded(members, result, partition.Topic, exclude: from);
                    if (to is not null && result[to.MemberId].Count + 1 < list.Count)
                    {
                        list.RemoveAt(i);
                        result[to.MemberId].Add(partition);
                        moved = true;
                    }
                }

                if (moved)
                {
                    break;
                }
            }
        }
    }

    private static Dictionary<string, List<TopicPartition>> OwnedPerMember(
        AssignorMember[] members,
        List<TopicPartition> all,
        IReadOnlyDictionary<TopicPartition, string> owners)
    {
        var owned = new Dictionary<string, List<TopicPartition>>(members.Length, StringComparer.Ordinal);
        foreach (var member in members)
        {
            owned[member.MemberId] = [];
        }

        foreach (var partition in all)
        {
            if (owners.TryGetValue(partition, out var owner) && owned.TryGetValue(owner, out var list))
            {
                list.Add(partition);
            }
        }

        return owned;
    }

    private static AssignorMember? LeastLoaded(AssignorMember[] members, Dictionary<string, List<TopicPartition>> result, string topic, AssignorMember? exclude)
    {
        AssignorMember? best = null;
        foreach (var member in members)
        {
            if (ReferenceEquals(member, exclude) || !member.Subscribes(topic))
            {
                continue;
            }

            if (best is null || result[member.MemberId].Count < result[best.MemberId].Count)
            {
                best = member;
            }
        }

        return best;
    }
}
