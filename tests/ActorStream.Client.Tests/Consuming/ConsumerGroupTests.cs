namespace ActorStream.Client.Tests.Consuming;

[Trait("Category", "Integration")]
public sealed class ConsumerGroupTests : IAsyncLifetime
{
    private readonly List<ConsumerLoop> _loops = [];
    private GroupTestNode _node = null!;

    public async Task InitializeAsync() => _node = await GroupTestNode.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var loop in _loops)
        {
            loop.Dispose();
        }

        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Subscribe_SecondMemberJoinsEager_RevokesEverythingBeforeTheSplitAssignment()
    {
        await _node.CreateTopicAsync("split", 4);
        var a = Start("g-eager", "range", "split");
        await Eventually.TrueAsync(() => a.Owned.Count == 4, a.Describe);

        var b = Start("g-eager", "range", "split");
        await Eventually.TrueAsync(() => a.Owned.Count == 2 && b.Owned.Count == 2, () => a.Describe() + " | " + b.Describe());

        var calls = a.Calls.ToArray();
        Assert.Equal("assigned", calls[0].Kind);
        Assert.Equal(4, calls[0].Partitions.Count);
        Assert.Equal("assigned", calls[^1].Kind);
        Assert.Equal(2, calls[^1].Partitions.Count);
        Assert.Equal("revoked", calls[^2].Kind); // eager: everything goes before the new assignment
        Assert.Equal(4, calls[^2].Partitions.Count);
        for (var i = 1; i < calls.Length; i++)
        {
            Assert.Equal(i % 2 == 1 ? "revoked" : "assigned", calls[i].Kind); // never an assignment on top of another
        }

        AssertDisjointAndComplete(4, a, b);
        Assert.Equal(a.Consumer.Assignment, [.. a.Owned.OrderBy(p => p.Partition.Value)]);
    }

    [Fact]
    public async Task Subscribe_ThreeMembersThenOneLeaves_RemainingMembersTakeItsPartitions()
    {
        await _node.CreateTopicAsync("shared", 6);
        var a = Start("g-leave", "roundrobin", "shared");
        var b = Start("g-leave", "roundrobin", "shared");
        var c = Start("g-leave", "roundrobin", "shared");
        await Eventually.TrueAsync(() => a.Owned.Count == 2 && b.Owned.Count == 2 && c.Owned.Count == 2,
            () => a.Describe() + " | " + b.Describe() + " | " + c.Describe());
        AssertDisjointAndComplete(6, a, b, c);

        c.Close(); // LeaveGroup: no session timeout to wait for
        var lastCall = c.Calls.ToArray()[^1];
        Assert.Equal("revoked", lastCall.Kind);
        Assert.Equal(2, lastCall.Partitions.Count);

        await Eventually.TrueAsync(() => a.Owned.Count == 3 && b.Owned.Count == 3, () => a.Describe() + " | " + b.Describe());
        AssertDisjointAndComplete(6, a, b);
    }

    [Fact]
    public async Task Subscribe_RecordsAcrossRebalances_EachConsumedAndCommittedWithoutLoss()
    {
        await _node.CreateTopicAsync("work", 3);
        for (var p = 0; p < 3; p++)
        {
            await _node.ProduceAsync("work", p, 20, "p" + p);
        }

        var config = _node.Config("g-work", c =>
        {
            c.EnableAutoCommit = true;
            c.AutoCommitIntervalMs = 50;
            c.PartitionAssignmentStrategy = PartitionAssignmentStrategy.RoundRobin;
        });
        var a = Own(ConsumerLoop.Build(config, "work"));
        await Eventually.TrueAsync(() => a.Records.Count == 60, a.Describe);
        var b = Own(ConsumerLoop.Build(config, "work"));
        await Eventually.TrueAsync(() => a.Owned.Count + b.Owned.Count == 3 && b.Owned.Count > 0, () => a.Describe() + " | " + b.Describe());

        for (var p = 0; p < 3; p++)
        {
            await _node.ProduceAsync("work", p, 10, "late" + p);
        }

        await Eventually.TrueAsync(() => a.Records.Count + b.Records.Count >= 90, () => a.Describe() + " | " + b.Describe());
        a.Close();
        b.Close();

        using var reader = new ConsumerBuilder<string, string>(_node.Config("g-work")).Build();
        var committed = reader.Committed([new TopicPartition("work", 0), new TopicPartition("work", 1), new TopicPartition("work", 2)], TimeSpan.FromSeconds(10));
        Assert.All(committed, c => Assert.Equal(30, c.Offset.Value));
        var late = a.Records.Concat(b.Records).Where(r => r.Message.Value.StartsWith("late", StringComparison.Ordinal)).ToList();
        Assert.Equal(30, late.DistinctBy(r => (r.Partition.Value, r.Offset.Value)).Count());
    }

    [Fact]
    public async Task Subscribe_SecondMemberJoinsCooperative_OnlyMovedPartitionsAreRevoked()
    {
        await _node.CreateTopicAsync("coop", 6);
        var a = Start("g-coop", "cooperative-sticky", "coop");
        await Eventually.TrueAsync(() => a.Owned.Count == 6, a.Describe);
        var before = new HashSet<TopicPartition>(a.Owned);

        var b = Start("g-coop", "cooperative-sticky", "coop");
        await Eventually.TrueAsync(() => a.Owned.Count == 3 && b.Owned.Count == 3, () => a.Describe() + " | " + b.Describe());

        var calls = a.Calls.ToArray();
        var revoked = calls.Where(c => c.Kind == "revoked").SelectMany(c => c.Partitions).ToList();
        Assert.Equal(3, revoked.Count); // only what moves
        Assert.Empty(calls.Skip(1).Where(c => c.Kind == "assigned").SelectMany(c => c.Partitions)); // nothing new for a
        Assert.Subset(before, a.Owned);
        Assert.Equal(new HashSet<TopicPartition>(revoked), b.Owned);

        // b only ever got partitions a had already given up.
        var bCalls = b.Calls.ToArray();
        Assert.DoesNotContain(bCalls, c => c.Kind == "revoked");
        Assert.Equal(3, bCalls.Where(c => c.Kind == "assigned").Sum(c => c.Partitions.Count));
        AssertDisjointAndComplete(6, a, b);
    }

    [Fact]
    public async Task Consume_NotCalledWithinMaxPollInterval_MemberLeavesPartitionsAreLostThenItRejoins()
    {
        await _node.CreateTopicAsync("slow", 2);
        var config = _node.Config("g-slow", c =>
        {
            c.MaxPollIntervalMs = 1_000;
            c.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range;
        });
        var a = Own(ConsumerLoop.Build(config, "slow"));
        var b = Own(ConsumerLoop.Build(_node.Config("g-slow", c => c.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range), "slow"));
        await Eventually.TrueAsync(() => a.Owned.Count == 1 && b.Owned.Count == 1, () => a.Describe() + " | " + b.Describe());

        a.SuspendPolling();
        var callsBefore = a.Calls.Count;
        await Eventually.TrueAsync(() => b.Owned.Count == 2, () => a.Describe() + " | " + b.Describe());

        a.ResumePolling();
        await Eventually.TrueAsync(() => a.Owned.Count == 1 && b.Owned.Count == 1, () => a.Describe() + " | " + b.Describe());
        var calls = a.Calls.ToArray()[callsBefore..];
        Assert.Equal("lost", calls[0].Kind); // not revoked: b may own it already, so nothing was committed
        Assert.Single(calls[0].Partitions);
        Assert.Equal("error:" + LocalErrorCode.MaxPollExceeded, calls[1].Kind);
        Assert.Equal("assigned", calls[^1].Kind);
        AssertDisjointAndComplete(2, a, b);
    }

    [Fact]
    public async Task Subscribe_StaticMemberRestarts_GetsItsPartitionsBackWithoutARebalance()
    {
        await _node.CreateTopicAsync("static", 4);
        var config = _node.Config("g-static", c =>
        {
            c.GroupInstanceId = "instance-a";
            c.SessionTimeoutMs = 10_000;
            c.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range;
        });
        var a = Own(ConsumerLoop.Build(config, "static"));
        var b = Own(ConsumerLoop.Build(_node.Config("g-static", c => c.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range), "static"));
        await Eventually.TrueAsync(() => a.Owned.Count == 2 && b.Owned.Count == 2, () => a.Describe() + " | " + b.Describe());
        var aPartitions = new HashSet<TopicPartition>(a.Owned);
        var bCallsBefore = b.Calls.Count;

        a.Close(); // a static member does not leave: its place waits for session.timeout.ms
        var restarted = Own(ConsumerLoop.Build(config, "static"));
        await Eventually.TrueAsync(() => restarted.Owned.Count == 2, restarted.Describe);

        Assert.Equal(aPartitions, restarted.Owned);
        Assert.Equal(bCallsBefore, b.Calls.Count); // b never noticed
        Assert.Equal(2, b.Owned.Count);
    }

    [Fact]
    public async Task Unsubscribe_Member_RevokesAndLeavesSoTheOtherTakesOver()
    {
        await _node.CreateTopicAsync("unsub", 2);
        var a = Start("g-unsub", "range", "unsub");
        var b = Start("g-unsub", "range", "unsub");
        await Eventually.TrueAsync(() => a.Owned.Count == 1 && b.Owned.Count == 1, () => a.Describe() + " | " + b.Describe());

        a.SuspendPolling();
        a.Consumer.Unsubscribe();

        Assert.Empty(a.Consumer.Assignment);
        Assert.Empty(a.Consumer.Subscription);
        Assert.Equal("revoked", a.Calls.ToArray()[^1].Kind);
        await Eventually.TrueAsync(() => b.Owned.Count == 2, b.Describe);
    }

    [Fact]
    public async Task Subscribe_SameGroupInstanceIdTwice_FencesTheOlderMember()
    {
        await _node.CreateTopicAsync("fenced", 2);
        var config = _node.Config("g-fenced", c =>
        {
            c.GroupInstanceId = "instance-x";
            c.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range;
        });
        var first = Own(ConsumerLoop.Build(config, "fenced"));
        await Eventually.TrueAsync(() => first.Owned.Count == 2, first.Describe);

        var second = Own(ConsumerLoop.Build(config, "fenced"));
        await Eventually.TrueAsync(() => second.Owned.Count == 2, second.Describe);
        await Eventually.TrueAsync(() => first.Errors.Any(e => e is ConsumeException { Error.Code: Kafka.Protocol.ErrorCode.FencedInstanceId }),
            () => first.Describe());

        Assert.Equal("lost", first.Calls.ToArray()[^1].Kind);
        Assert.Empty(first.Consumer.Assignment);
    }

    [Fact]
    public async Task Subscribe_TopicCreatedLater_MemberIsAssignedItsPartitionsOnceItExists()
    {
        var a = Own(ConsumerLoop.Build(_node.Config("g-later", c => c.AllowAutoCreateTopics = false), "later"));
        await Eventually.TrueAsync(() => a.Consumer.MemberId.Length > 0 && !a.Calls.IsEmpty, a.Describe); // joined with nothing to consume
        Assert.Empty(a.Owned);

        await _node.CreateTopicAsync("later", 3);
        await _node.ProduceAsync("later", 2, 1, "first");

        await Eventually.TrueAsync(() => a.Owned.Count == 3 && a.Records.Count == 1, a.Describe);
        Assert.Equal("first-0", a.Records.Single().Message.Value);
    }

    [Fact]
    public async Task Subscribe_ThreeCooperativeMembersOneLeaves_NobodyLosesAPartitionItKeeps()
    {
        await _node.CreateTopicAsync("coop3", 6);
        var a = Start("g-coop3", "cooperative-sticky", "coop3");
        var b = Start("g-coop3", "cooperative-sticky", "coop3");
        var c = Start("g-coop3", "cooperative-sticky", "coop3");
        await Eventually.TrueAsync(() => a.Owned.Count == 2 && b.Owned.Count == 2 && c.Owned.Count == 2,
            () => a.Describe() + " | " + b.Describe() + " | " + c.Describe());
        var aBefore = new HashSet<TopicPartition>(a.Owned);
        var bBefore = new HashSet<TopicPartition>(b.Owned);
        var aCalls = a.Calls.Count;
        var bCalls = b.Calls.Count;

        c.Close();

        await Eventually.TrueAsync(() => a.Owned.Count == 3 && b.Owned.Count == 3, () => a.Describe() + " | " + b.Describe());
        Assert.DoesNotContain(a.Calls.ToArray()[aCalls..], call => call.Kind == "revoked" && call.Partitions.Count > 0);
        Assert.DoesNotContain(b.Calls.ToArray()[bCalls..], call => call.Kind == "revoked" && call.Partitions.Count > 0);
        Assert.Subset(a.Owned, aBefore);
        Assert.Subset(b.Owned, bBefore);
        AssertDisjointAndComplete(6, a, b);
    }

    private ConsumerLoop Start(string group, string strategy, string topic) =>
        Own(ConsumerLoop.Build(_node.Config(group, c => c["partition.assignment.strategy"] = strategy), topic));

    private ConsumerLoop Own(ConsumerLoop loop)
    {
        _loops.Add(loop);
        return loop;
    }

    private static void AssertDisjointAndComplete(int partitions, params ConsumerLoop[] loops)
    {
        var seen = new HashSet<TopicPartition>();
        foreach (var loop in loops)
        {
            foreach (var partition in loop.Consumer.Assignment)
            {
                Assert.True(seen.Add(partition), $"{partition} is assigned twice");
            }
        }

        Assert.Equal(partitions, seen.Count);
    }
}
