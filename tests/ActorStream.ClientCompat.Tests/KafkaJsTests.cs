using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace ActorStream.ClientCompat.Tests;

/// <summary>kafkajs 2.2.4 (node, installed by npm ci from js/package-lock.json) against a real node.</summary>
public sealed class KafkaJsTests : IClassFixture<NodeFixture>
{
    private static readonly TimeSpan s_groupTimeout = TimeSpan.FromSeconds(120);

    private readonly ScenarioRunner _run;

    public KafkaJsTests(NodeFixture fixture, ITestOutputHelper output) => _run = new ScenarioRunner(fixture.Node, output);

    [Fact]
    public async Task Producer_AcksKeysAndHeaders_KcatReadsThemBack()
    {
        var topic = ScenarioRunner.UniqueName("js-acks");
        var result = await _run.KafkaJsAsync("produce_acks", new { topic });

        var sent = result.Events("sent").ToDictionary(e => e.GetProperty("acks").GetInt32(), e => e.GetProperty("results"));
        Assert.Equal("[{\"partition\":0,\"errorCode\":0,\"baseOffset\":0}]", sent[-1].GetRawText());
        Assert.Equal("[{\"partition\":0,\"errorCode\":0,\"baseOffset\":3}]", sent[1].GetRawText());
        Assert.Equal(0, sent[0].GetArrayLength());
        var offsets = Assert.Single(result.Events("topic_offsets"));
        Assert.Equal((0L, 9L), (offsets.GetProperty("low").GetInt64(), offsets.GetProperty("high").GetInt64()));

        var produced = ScenarioRecord.All(result, "produced");
        var read = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "beginning", "-e", "-J"]));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), read.Select(m => m.Offset));
        Assert.Equal(produced.Select(p => Text(p.Key)), read.Select(m => m.Key));
        Assert.Equal(produced.Select(p => Text(p.Value)), read.Select(m => m.Payload));
        Assert.All(read, m => Assert.Equal(["acks", "bin"], m.Headers.Select(h => h.Key)));
        Assert.All(read, m => Assert.Equal("\u0001\u0002\u0003", m.Headers[1].Value));
        Assert.Equal(["-1", "-1", "-1", "1", "1", "1", "0", "0", "0"], read.Select(m => m.Headers[0].Value));
    }

    [Fact]
    public async Task Producer_Gzip_KcatReadsEveryPayloadBack()
    {
        var topic = ScenarioRunner.UniqueName("js-gzip");
        var result = await _run.KafkaJsAsync("produce_gzip", new { topic });

        Assert.Equal("[{\"partition\":0,\"errorCode\":0,\"baseOffset\":0}]", result.Single("sent").GetProperty("results").GetRawText());
        var produced = ScenarioRecord.All(result, "produced");
        var read = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "beginning", "-e", "-J"]));
        Assert.Equal(100, read.Count);
        Assert.Equal(produced.Select(p => Text(p.Key)), read.Select(m => m.Key));
        Assert.Equal(produced.Select(p => Text(p.Value)), read.Select(m => m.Payload));
    }

    [Fact]
    public async Task ConsumerGroup_ThreeMembersJoinAndOneLeaves_AssignmentsAlwaysCoverEveryPartitionOnce()
    {
        var result = await _run.KafkaJsAsync("consume_group",
            new { topic = ScenarioRunner.UniqueName("js-group"), group = ScenarioRunner.UniqueName("js-g") }, s_groupTimeout);

        var phases = result.Events("phase").ToDictionary(e => e.GetProperty("phase").GetString()!);
        Assert.Equal(["a", "ab", "abc", "ab-after-leave"], phases.Keys);
        foreach (var (phase, members) in new[] { ("a", 1), ("ab", 2), ("abc", 3), ("ab-after-leave", 2) })
        {
            var assignments = phases[phase].GetProperty("assignments").EnumerateObject().ToList();
            Assert.Equal(members, assignments.Count);
            Assert.All(assignments, a => Assert.NotEqual(0, a.Value.GetArrayLength()));
            Assert.Equal(Enumerable.Range(0, 6), assignments.SelectMany(a => a.Value.EnumerateArray().Select(p => p.GetInt32())).Order());
            var group = phases[phase].GetProperty("group");
            Assert.Equal("Stable", group.GetProperty("state").GetString());
            Assert.Equal("consumer", group.GetProperty("protocolType").GetString());
            Assert.Equal(members, group.GetProperty("members").GetInt32());
        }

        Assert.Equal(30, result.Single("all_consumed").GetProperty("records").GetInt32());
    }

    [Fact]
    public async Task Admin_FetchSetAndResetOffsets_NextMemberResumesThere()
    {
        var result = await _run.KafkaJsAsync("offsets_admin",
            new { topic = ScenarioRunner.UniqueName("js-offsets"), group = ScenarioRunner.UniqueName("js-g") }, s_groupTimeout);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), ScenarioRecord.All(result, "round1").Select(r => r.Offset));
        var fetched = result.Events("fetched").ToDictionary(e => e.GetProperty("stage").GetString()!, e => e.GetProperty("partitions").GetRawText());
        Assert.Equal("[{\"partition\":0,\"offset\":10}]", fetched["after-round1"]);
        Assert.Equal("[{\"partition\":0,\"offset\":4}]", fetched["after-set"]);
        Assert.Equal([4L, 5, 6, 7, 8, 9], ScenarioRecord.All(result, "round2").Select(r => r.Offset));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), ScenarioRecord.All(result, "round3").Select(r => r.Offset));
    }

    [Fact]
    public async Task Admin_ListAndDescribeGroups_ShowsStableGroupThenEmptyAfterLeave()
    {
        var result = await _run.KafkaJsAsync("admin_groups",
            new { topic = ScenarioRunner.UniqueName("js-desc"), group = ScenarioRunner.UniqueName("js-g") }, s_groupTimeout);

        var listed = result.Single("listed");
        Assert.True(listed.GetProperty("found").GetBoolean());
        Assert.Equal("consumer", listed.GetProperty("protocolType").GetString());
        var described = result.Single("described");
        Assert.Equal(0, described.GetProperty("errorCode").GetInt32());
        Assert.Equal("Stable", described.GetProperty("state").GetString());
        Assert.Equal("consumer", described.GetProperty("protocolType").GetString());
        var member = Assert.Single(described.GetProperty("members").EnumerateArray());
        Assert.Equal("compat-described", member.GetProperty("clientId").GetString());
        Assert.True(member.GetProperty("memberIdMatches").GetBoolean());
        var assignment = Assert.Single(member.GetProperty("assignment").EnumerateObject());
        Assert.Equal("[0,1]", assignment.Value.GetRawText());
        var afterLeave = result.Single("after_leave");
        Assert.Equal("Empty", afterLeave.GetProperty("state").GetString());
        Assert.Equal(0, afterLeave.GetProperty("members").GetInt32());
    }

    [Fact]
    public async Task Admin_CreateFetchMetadataDelete_TopicLifecycle()
    {
        var topic = ScenarioRunner.UniqueName("js-admin");
        var result = await _run.KafkaJsAsync("admin_topics", new { topic });

        Assert.True(result.Single("created").GetProperty("result").GetBoolean());
        Assert.True(result.Single("listed").GetProperty("present").GetBoolean());
        var metadata = result.Single("metadata");
        Assert.Equal(topic, metadata.GetProperty("name").GetString());
        Assert.Equal(
            "[{\"id\":0,\"leader\":0,\"replicas\":[0],\"isr\":[0],\"error\":0},{\"id\":1,\"leader\":0,\"replicas\":[0],\"isr\":[0],\"error\":0},{\"id\":2,\"leader\":0,\"replicas\":[0],\"isr\":[0],\"error\":0}]",
            metadata.GetProperty("partitions").GetRawText());
        // kafkajs answers false when every topic already existed.
        Assert.False(result.Single("created_again").GetProperty("result").GetBoolean());
        Assert.False(result.Single("deleted").GetProperty("present").GetBoolean());
    }

    [Fact]
    public async Task Admin_CreatePartitions_NewPartitionTakesRecords()
    {
        var result = await _run.KafkaJsAsync("admin_partitions", new { topic = ScenarioRunner.UniqueName("js-partitions") });

        Assert.Equal(JsonValueKind.Null, result.Single("created_partitions").GetProperty("error").ValueKind);
        Assert.Equal("[0,1,2,3,4]", result.Single("metadata").GetProperty("partitions").GetRawText());
        var sent = result.Single("sent");
        Assert.Equal((4, 0L, 0), (sent.GetProperty("partition").GetInt32(), sent.GetProperty("baseOffset").GetInt64(), sent.GetProperty("errorCode").GetInt32()));
    }

    [Fact]
    public async Task Admin_DescribeAndAlterConfigs_ShowsCreatedThenAlteredValues()
    {
        var result = await _run.KafkaJsAsync("admin_configs", new { topic = ScenarioRunner.UniqueName("js-configs") });

        var described = result.Events("described").ToDictionary(e => e.GetProperty("stage").GetString()!);
        Assert.Equal(0, described["before"].GetProperty("errorCode").GetInt32());
        var before = described["before"].GetProperty("configs");
        Assert.Equal("3600000", before.GetProperty("retention.ms").GetProperty("value").GetString());
        Assert.False(before.GetProperty("retention.ms").GetProperty("isDefault").GetBoolean());
        Assert.Equal("delete", before.GetProperty("cleanup.policy").GetProperty("value").GetString());
        var altered = Assert.Single(result.Single("altered").GetProperty("resources").EnumerateArray());
        Assert.Equal(0, altered.GetProperty("errorCode").GetInt32());
        var after = described["after"].GetProperty("configs");
        Assert.Equal("7200000", after.GetProperty("retention.ms").GetProperty("value").GetString());
        Assert.Equal("compact", after.GetProperty("cleanup.policy").GetProperty("value").GetString());
    }

    private static string? Text(string? hex) => hex is null ? null : Encoding.UTF8.GetString(Convert.FromHexString(hex));
}
