using System.Text.Json;
using Xunit.Abstractions;

namespace ActorStream.ClientCompat.Tests;

/// <summary>confluent-kafka-python over librdkafka (Debian python3-confluent-kafka) against a real node.</summary>
public sealed class ConfluentKafkaTests : IClassFixture<NodeFixture>
{
    private static readonly TimeSpan s_groupTimeout = TimeSpan.FromSeconds(120);

    private readonly ScenarioRunner _run;

    public ConfluentKafkaTests(NodeFixture fixture, ITestOutputHelper output) => _run = new ScenarioRunner(fixture.Node, output);

    [Fact]
    public async Task Producer_Idempotent_DeliveryReportsCarryConsecutiveOffsets()
    {
        var result = await _run.ConfluentAsync("idempotent_produce", new { topic = ScenarioRunner.UniqueName("cf-idem") });

        var delivered = result.Events("delivered");
        Assert.Equal(20, delivered.Count);
        Assert.All(delivered, d => Assert.Equal(JsonValueKind.Null, d.GetProperty("error").ValueKind));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), delivered.Select(d => d.GetProperty("offset").GetInt64()));
        var consumed = ScenarioRecord.All(result, "consumed");
        Assert.Equal(delivered.Select(d => ScenarioRecord.From(d).Content), consumed.Select(c => c.Content));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), consumed.Select(c => c.Offset));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("gzip")]
    [InlineData("snappy")]
    [InlineData("lz4")]
    [InlineData("zstd")]
    public async Task Producer_Codec_DeliveryReportsAndPayloadsMatch(string codec)
    {
        var result = await _run.ConfluentAsync("produce_codec", new { topic = ScenarioRunner.UniqueName("cf-" + codec), codec });

        var delivered = result.Events("delivered");
        Assert.Equal(300, delivered.Count);
        Assert.All(delivered, d => Assert.Equal(JsonValueKind.Null, d.GetProperty("error").ValueKind));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), delivered.Select(d => d.GetProperty("offset").GetInt64()));
        var consumed = ScenarioRecord.All(result, "consumed");
        Assert.Equal(delivered.Select(d => ScenarioRecord.From(d).Content), consumed.Select(c => c.Content));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), consumed.Select(c => c.Offset));
    }

    [Fact]
    public async Task Consumer_WatermarksAndOffsetsForTimes_MatchTheLog()
    {
        var result = await _run.ConfluentAsync("watermarks_and_times", new { topic = ScenarioRunner.UniqueName("cf-times") });

        var watermarks = result.Single("watermarks");
        Assert.Equal(0, watermarks.GetProperty("low").GetInt64());
        Assert.Equal(3, watermarks.GetProperty("high").GetInt64());
        // Records were stamped base+0, base+1000, base+2000 (one batch); targets are relative to base.
        var lookups = result.Events("lookup").ToDictionary(e => e.GetProperty("target").GetInt64(), e => e.GetProperty("offset").GetInt64());
        Assert.Equal(0, lookups[-5000]);
        Assert.True(lookups[500] == 1 && lookups[2000] == 2,
            $"offsets_for_times(+500 ms) should be 1 and (+2000 ms) 2 (first record at or after the time), got {lookups[500]} and {lookups[2000]}");
        Assert.Equal(-1, lookups[1_000_000_000]);
        Assert.Equal([1000L, 2000], result.Events("consumed").Select(e => e.GetProperty("relative_timestamp").GetInt64()));
    }

    [Fact]
    public async Task ConsumerGroup_MemberJoinsAndLeaves_RebalanceCallbacksRevokeAndAssign()
    {
        var result = await _run.ConfluentAsync("group_rebalance",
            new { topic = ScenarioRunner.UniqueName("cf-group"), group = ScenarioRunner.UniqueName("cf-g") }, s_groupTimeout);

        var phases = result.Events("phase").ToDictionary(e => e.GetProperty("phase").GetString()!, e => e.GetProperty("assignments"));
        Assert.Equal("[0,1,2,3]", phases["a"].GetProperty("member-a").GetRawText());
        var a = phases["ab"].GetProperty("member-a").EnumerateArray().Select(p => p.GetInt32()).ToList();
        var b = phases["ab"].GetProperty("member-b").EnumerateArray().Select(p => p.GetInt32()).ToList();
        Assert.NotEmpty(a);
        Assert.NotEmpty(b);
        Assert.Equal([0, 1, 2, 3], a.Concat(b).Order());
        Assert.Equal("[0,1,2,3]", phases["a-after-leave"].GetProperty("member-a").GetRawText());
        Assert.Equal(20, result.Single("all_consumed").GetProperty("records").GetInt32());

        var callbacks = result.Events("callback").Select(e =>
            $"{e.GetProperty("member").GetString()} {e.GetProperty("kind").GetString()} {e.GetProperty("partitions").GetRawText()}").ToList();
        Assert.Equal("member-a assign [0,1,2,3]", callbacks[0]);
        Assert.Contains("member-a revoke [0,1,2,3]", callbacks);
        Assert.Contains($"member-a assign [{string.Join(',', a)}]", callbacks);
        Assert.Contains($"member-b assign [{string.Join(',', b)}]", callbacks);
        Assert.Contains($"member-b revoke [{string.Join(',', b)}]", callbacks);
        Assert.Equal("member-a assign [0,1,2,3]", callbacks.Last(c => c.StartsWith("member-a assign", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ConsumerGroup_CommitThenNewMember_ResumesAtCommittedOffset()
    {
        var result = await _run.ConfluentAsync("commit_resume",
            new { topic = ScenarioRunner.UniqueName("cf-commit"), group = ScenarioRunner.UniqueName("cf-g") }, s_groupTimeout);

        Assert.Equal([0L, 1, 2, 3], ScenarioRecord.All(result, "first").Select(r => r.Offset));
        var committed = result.Events("committed").ToDictionary(e => e.GetProperty("by").GetString()!, e => e.GetProperty("offset").GetInt64());
        Assert.Equal(4, committed["first"]);
        Assert.Equal(4, committed["second-before-join"]);
        Assert.Equal([4L, 5, 6, 7, 8, 9], ScenarioRecord.All(result, "second").Select(r => r.Offset));
        Assert.Equal(10, committed["second"]);
    }

    [Fact]
    public async Task Admin_CreateListDelete_TopicLifecycle()
    {
        var result = await _run.ConfluentAsync("admin_topics", new { topic = ScenarioRunner.UniqueName("cf-admin") });

        Assert.Equal(JsonValueKind.Null, result.Single("created").GetProperty("error").ValueKind);
        var listed = result.Single("listed");
        Assert.True(listed.GetProperty("present").GetBoolean());
        Assert.Equal("[0,1,2]", listed.GetProperty("partitions").GetRawText());
        Assert.Equal("[0]", listed.GetProperty("leaders").GetRawText());
        Assert.Equal("[0]", listed.GetProperty("brokers").GetRawText());
        Assert.Equal("TOPIC_ALREADY_EXISTS", result.Single("duplicate").GetProperty("error").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, result.Single("deleted").GetProperty("error").ValueKind);
        Assert.False(result.Single("listed_after_delete").GetProperty("present").GetBoolean());
    }

    [Fact]
    public async Task Admin_DescribeAndAlterConfigs_ShowsCreatedThenAlteredValues()
    {
        var result = await _run.ConfluentAsync("admin_configs", new { topic = ScenarioRunner.UniqueName("cf-configs") });

        var described = result.Events("described").ToDictionary(e => e.GetProperty("stage").GetString()!, e => e.GetProperty("configs"));
        var retentionBefore = described["before"].GetProperty("retention.ms");
        Assert.Equal("3600000", retentionBefore.GetProperty("value").GetString());
        Assert.False(retentionBefore.GetProperty("is_default").GetBoolean());
        Assert.Equal("delete", described["before"].GetProperty("cleanup.policy").GetProperty("value").GetString());
        Assert.True(described["before"].GetProperty("cleanup.policy").GetProperty("is_default").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.Single("altered").GetProperty("error").ValueKind);
        Assert.Equal("7200000", described["after"].GetProperty("retention.ms").GetProperty("value").GetString());
        Assert.Equal("compact", described["after"].GetProperty("cleanup.policy").GetProperty("value").GetString());
        var broker = result.Single("broker");
        Assert.True(broker.GetProperty("count").GetInt32() > 10);
        Assert.Equal("1", broker.GetProperty("configs").GetProperty("num.partitions").GetString());
    }

    [Fact]
    public async Task Admin_CreatePartitions_NewPartitionTakesRecords()
    {
        var result = await _run.ConfluentAsync("admin_partitions", new { topic = ScenarioRunner.UniqueName("cf-partitions") });

        Assert.Equal(JsonValueKind.Null, result.Single("created_partitions").GetProperty("error").ValueKind);
        Assert.Equal("[0,1,2,3,4]", result.Single("described").GetProperty("partitions").GetRawText());
        var produced = result.Single("produced");
        Assert.Equal((4, 0L), (produced.GetProperty("partition").GetInt32(), produced.GetProperty("offset").GetInt64()));
        var consumed = Assert.Single(ScenarioRecord.All(result, "consumed"));
        Assert.Equal((4, 0L, ScenarioRecord.Hex("to-new-partition")), (consumed.Partition, consumed.Offset, consumed.Value));
    }

    [Fact]
    public async Task Admin_ListGroups_DescribesTheStableGroupAndItsMember()
    {
        var group = ScenarioRunner.UniqueName("cf-listed");
        var result = await _run.ConfluentAsync("list_groups", new { topic = ScenarioRunner.UniqueName("cf-lg"), group }, s_groupTimeout);

        Assert.True(result.Single("all_groups").GetProperty("present").GetBoolean());
        var described = result.Single("group");
        Assert.Equal(group, described.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, described.GetProperty("error").ValueKind);
        Assert.Equal("Stable", described.GetProperty("state").GetString());
        Assert.Equal("consumer", described.GetProperty("protocol_type").GetString());
        Assert.False(string.IsNullOrEmpty(described.GetProperty("protocol").GetString()));
        var member = Assert.Single(described.GetProperty("members").EnumerateArray());
        Assert.Equal("compat-lister", member.GetProperty("client_id").GetString());
        Assert.True(member.GetProperty("has_assignment").GetBoolean());
    }

    [ConfluentAdminFact("list_offsets")]
    public async Task Admin_ListOffsets_EarliestAndLatest()
    {
        var result = await _run.ConfluentAsync("admin_list_offsets", new { topic = ScenarioRunner.UniqueName("cf-lo") });

        var offsets = result.Events("offset").ToDictionary(e => e.GetProperty("spec").GetString()!, e => e.GetProperty("offset").GetInt64());
        Assert.Equal(0, offsets["earliest"]);
        Assert.Equal(4, offsets["latest"]);
    }

    [ConfluentAdminFact("describe_consumer_groups")]
    public async Task Admin_DescribeConsumerGroups_ShowsStableGroupWithItsMember()
    {
        var group = ScenarioRunner.UniqueName("cf-dg");
        var result = await _run.ConfluentAsync("describe_consumer_groups", new { topic = ScenarioRunner.UniqueName("cf-dg"), group }, s_groupTimeout);

        var described = result.Single("described");
        Assert.Equal(group, described.GetProperty("group_id").GetString());
        Assert.Equal("STABLE", described.GetProperty("state").GetString());
        Assert.Equal(0, described.GetProperty("coordinator").GetInt32());
        var member = Assert.Single(described.GetProperty("members").EnumerateArray());
        Assert.Equal("compat-lister", member.GetProperty("client_id").GetString());
        Assert.Equal("[0,1]", member.GetProperty("partitions").GetRawText());
    }
}
