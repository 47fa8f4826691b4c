using System.Text.Json;
using Xunit.Abstractions;

namespace ActorStream.ClientCompat.Tests;

/// <summary>kafka-python (Debian python3-kafka) against a real node.</summary>
public sealed class KafkaPythonTests : IClassFixture<NodeFixture>
{
    private static readonly TimeSpan s_groupTimeout = TimeSpan.FromSeconds(120);

    private readonly ScenarioRunner _run;

    public KafkaPythonTests(NodeFixture fixture, ITestOutputHelper output) => _run = new ScenarioRunner(fixture.Node, output);

    [Fact]
    public async Task Producer_AcksZeroOneAll_RecordsReadBackInOrderWithKeysAndHeaders()
    {
        var result = await _run.KafkaPythonAsync("produce_acks", new { topic = ScenarioRunner.UniqueName("kp-acks") });

        var produced = result.Events("produced");
        var consumed = ScenarioRecord.All(result, "consumed");
        Assert.Equal(12, produced.Count);
        Assert.Equal(produced.Select(p => ScenarioRecord.From(p).Content), consumed.Select(c => c.Content));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), consumed.Select(c => c.Offset));
        foreach (var p in produced)
        {
            var acks = p.GetProperty("acks").GetString();
            var offset = p.GetProperty("offset").GetInt64();
            if (acks == "0")
            {
                Assert.Equal(-1, offset);
            }
            else
            {
                Assert.Equal(consumed.Single(c => c.Content == ScenarioRecord.From(p).Content).Offset, offset);
            }
        }
    }

    [Fact]
    public Task Producer_Gzip_ConsumerReadsEveryPayloadBack() => CodecRoundTripAsync("gzip");

    [KafkaPythonCodecFact("snappy")]
    public Task Producer_Snappy_ConsumerReadsEveryPayloadBack() => CodecRoundTripAsync("snappy");

    [KafkaPythonCodecFact("lz4")]
    public Task Producer_Lz4_ConsumerReadsEveryPayloadBack() => CodecRoundTripAsync("lz4");

    [KafkaPythonCodecFact("zstd")]
    public Task Producer_Zstd_ConsumerReadsEveryPayloadBack() => CodecRoundTripAsync("zstd");

    [Fact]
    public async Task Consumer_EarliestAndLatest_StartAtLogStartAndLogEnd()
    {
        var result = await _run.KafkaPythonAsync("consume_earliest_latest", new { topic = ScenarioRunner.UniqueName("kp-reset") });

        var earliest = ScenarioRecord.All(result, "earliest");
        Assert.Equal([0L, 1, 2], earliest.Select(r => r.Offset));
        Assert.Equal(new[] { "old-0", "old-1", "old-2" }.Select(ScenarioRecord.Hex), earliest.Select(r => r.Value));
        Assert.Equal(3, result.Single("latest_position").GetProperty("position").GetInt64());
        var latest = ScenarioRecord.All(result, "latest");
        Assert.Equal([3L, 4], latest.Select(r => r.Offset));
        Assert.Equal(new[] { "new-3", "new-4" }.Select(ScenarioRecord.Hex), latest.Select(r => r.Value));
    }

    [Fact]
    public async Task Consumer_Seek_ReadsFromTheGivenOffset()
    {
        var result = await _run.KafkaPythonAsync("consume_seek", new { topic = ScenarioRunner.UniqueName("kp-seek") });

        var bounds = result.Single("bounds");
        Assert.Equal(0, bounds.GetProperty("beginning").GetInt64());
        Assert.Equal(6, bounds.GetProperty("end").GetInt64());
        var afterSeek = result.Events("after_seek");
        Assert.Equal([4L, 5], afterSeek.Where(e => e.GetProperty("seek").GetInt32() == 4).Select(e => ScenarioRecord.From(e).Offset));
        Assert.Equal([1L, 2, 3, 4, 5], afterSeek.Where(e => e.GetProperty("seek").GetInt32() == 1).Select(e => ScenarioRecord.From(e).Offset));
        Assert.Equal(ScenarioRecord.Hex("v4"), ScenarioRecord.From(afterSeek[0]).Value);
        Assert.Equal(6, result.Single("end_position").GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task Consumer_OffsetsForTimes_FindsFirstRecordAtOrAfterEachTimestamp()
    {
        var result = await _run.KafkaPythonAsync("offsets_for_times", new { topic = ScenarioRunner.UniqueName("kp-times") });

        // Records were stamped base+0, base+1000, base+2000 (one batch); targets are relative to base.
        var lookups = result.Events("lookup").ToDictionary(e => e.GetProperty("target").GetInt64());
        AssertLookup(lookups[-5000], 0, 0);
        AssertLookup(lookups[500], 1, 1000);
        AssertLookup(lookups[2000], 2, 2000);
        Assert.Equal(JsonValueKind.Null, lookups[1_000_000_000].GetProperty("offset").ValueKind);
        var consumed = result.Events("consumed");
        Assert.Equal([1000L, 2000], consumed.Select(e => e.GetProperty("relative_timestamp").GetInt64()));

        static void AssertLookup(JsonElement lookup, long offset, long relativeTimestamp)
        {
            Assert.True(lookup.GetProperty("offset").GetInt64() == offset && lookup.GetProperty("timestamp").GetInt64() == relativeTimestamp,
                $"lookup of {lookup.GetProperty("target")} expected offset {offset} at +{relativeTimestamp} ms, got {lookup}");
        }
    }

    [Fact]
    public async Task ConsumerGroup_ThreeMembersJoinAndOneLeaves_AssignmentsAlwaysCoverEveryPartitionOnce()
    {
        var result = await _run.KafkaPythonAsync("group_rebalance",
            new { topic = ScenarioRunner.UniqueName("kp-group"), group = ScenarioRunner.UniqueName("kp-g") }, s_groupTimeout);

        var phases = result.Events("assignment").GroupBy(e => e.GetProperty("phase").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["a", "ab", "abc", "ab-after-leave"], phases.Keys);
        AssertPartitioned(phases["a"], 1);
        AssertPartitioned(phases["ab"], 2);
        AssertPartitioned(phases["abc"], 3);
        AssertPartitioned(phases["ab-after-leave"], 2);
        var generations = phases.Values.Select(p => p[0].GetProperty("generation").GetInt32()).ToList();
        Assert.True(generations.SequenceEqual(generations.Order()) && generations.Distinct().Count() == 4, $"each rebalance starts a newer generation: {string.Join(", ", generations)}");
        Assert.Equal(30, result.Single("all_consumed").GetProperty("records").GetInt32());

        static void AssertPartitioned(List<JsonElement> members, int count)
        {
            Assert.Equal(count, members.Count);
            var partitions = members.SelectMany(m => m.GetProperty("partitions").EnumerateArray().Select(p => p.GetInt32())).ToList();
            Assert.Equal(Enumerable.Range(0, 6), partitions.Order());
            Assert.All(members, m => Assert.NotEqual(0, m.GetProperty("partitions").GetArrayLength()));
        }
    }

    [Fact]
    public async Task ConsumerGroup_CommitThenNewMember_ResumesAtCommittedOffset()
    {
        var result = await _run.KafkaPythonAsync("commit_resume",
            new { topic = ScenarioRunner.UniqueName("kp-commit"), group = ScenarioRunner.UniqueName("kp-g") }, s_groupTimeout);

        Assert.Equal([0L, 1, 2, 3], ScenarioRecord.All(result, "first").Select(r => r.Offset));
        var committed = result.Events("committed").ToDictionary(e => e.GetProperty("by").GetString()!, e => e.GetProperty("offset").GetInt64());
        Assert.Equal(4, committed["first"]);
        Assert.Equal(4, committed["second-before-join"]);
        Assert.Equal([4L, 5, 6, 7, 8, 9], ScenarioRecord.All(result, "second").Select(r => r.Offset));
        Assert.Equal(10, committed["second"]);
    }

    [Fact]
    public async Task Admin_CreateListDescribeDelete_TopicLifecycle()
    {
        var topic = ScenarioRunner.UniqueName("kp-admin");
        var result = await _run.KafkaPythonAsync("admin_topics", new { topic });

        Assert.Equal($"[[\"{topic}\",0]]", result.Single("created").GetProperty("errors").GetRawText());
        Assert.True(result.Single("listed").GetProperty("present").GetBoolean());
        var described = result.Single("described");
        Assert.Equal(0, described.GetProperty("error_code").GetInt32());
        Assert.Equal("[0,1,2]", described.GetProperty("partitions").GetRawText());
        Assert.Equal("[0]", described.GetProperty("leaders").GetRawText());
        var duplicate = result.Single("duplicate");
        Assert.Equal("TopicAlreadyExistsError", duplicate.GetProperty("error").GetString());
        Assert.Equal(36, duplicate.GetProperty("errno").GetInt32());
        Assert.Equal($"[[\"{topic}\",0]]", result.Single("deleted").GetProperty("errors").GetRawText());
        Assert.False(result.Single("listed_after_delete").GetProperty("present").GetBoolean());
    }

    [Fact]
    public async Task Admin_DescribeAndAlterConfigs_ShowsCreatedThenAlteredValues()
    {
        var topic = ScenarioRunner.UniqueName("kp-configs");
        var result = await _run.KafkaPythonAsync("admin_configs", new { topic });

        var described = result.Events("described").ToDictionary(e => e.GetProperty("stage").GetString()!);
        Assert.Equal(0, described["before"].GetProperty("error_code").GetInt32());
        var before = described["before"].GetProperty("configs");
        Assert.Equal("3600000", before.GetProperty("retention.ms").GetString());
        Assert.Equal("delete", before.GetProperty("cleanup.policy").GetString());
        Assert.Equal($"[[0,\"{topic}\"]]", result.Single("altered").GetProperty("errors").GetRawText());
        var after = described["after"].GetProperty("configs");
        Assert.Equal("7200000", after.GetProperty("retention.ms").GetString());
        Assert.Equal("compact", after.GetProperty("cleanup.policy").GetString());
        var broker = result.Single("broker");
        Assert.Equal(0, broker.GetProperty("error_code").GetInt32());
        Assert.Equal("0", broker.GetProperty("name").GetString());
        Assert.Equal("1", broker.GetProperty("configs").GetProperty("num.partitions").GetString());
        Assert.Equal("1048588", broker.GetProperty("configs").GetProperty("message.max.bytes").GetString());
    }

    [Fact]
    public async Task Admin_CreatePartitions_NewPartitionTakesRecords()
    {
        var topic = ScenarioRunner.UniqueName("kp-partitions");
        var result = await _run.KafkaPythonAsync("admin_partitions", new { topic });

        Assert.Equal($"[[\"{topic}\",0]]", result.Single("created_partitions").GetProperty("errors").GetRawText());
        Assert.Equal("[0,1,2,3,4]", result.Single("described").GetProperty("partitions").GetRawText());
        Assert.Equal(0, result.Single("produced").GetProperty("offset").GetInt64());
        var consumed = Assert.Single(ScenarioRecord.All(result, "consumed"));
        Assert.Equal((4, 0L, ScenarioRecord.Hex("to-new-partition")), (consumed.Partition, consumed.Offset, consumed.Value));
    }

    private async Task CodecRoundTripAsync(string codec)
    {
        var result = await _run.KafkaPythonAsync("produce_codec", new { topic = ScenarioRunner.UniqueName("kp-" + codec), codec });

        var produced = ScenarioRecord.All(result, "produced");
        var consumed = ScenarioRecord.All(result, "consumed");
        Assert.Equal(200, produced.Count);
        Assert.Equal(produced.Select(p => p.Content), consumed.Select(c => c.Content));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), consumed.Select(c => c.Offset));
        Assert.Equal(produced.Select(p => p.Offset), consumed.Select(c => c.Offset));
    }
}
