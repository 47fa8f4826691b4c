using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace ActorStream.ClientCompat.Tests;

/// <summary>kcat (librdkafka) against a real node: metadata, produce and consume in its modes and formats.</summary>
public sealed class KcatTests : IClassFixture<NodeFixture>
{
    private readonly ScenarioRunner _run;

    public KcatTests(NodeFixture fixture, ITestOutputHelper output) => _run = new ScenarioRunner(fixture.Node, output);

    [Fact]
    public async Task Metadata_ListOneTopic_ShowsBrokerAndPartitionLed()
    {
        var topic = ScenarioRunner.UniqueName("kcat-meta");
        await _run.KcatAsync(["-P", "-t", topic], "one\n");

        var metadata = (await _run.KcatAsync(["-L", "-J", "-t", topic])).JsonLines().Single();

        var broker = Assert.Single(metadata.GetProperty("brokers").EnumerateArray());
        Assert.Equal(0, broker.GetProperty("id").GetInt32());
        Assert.Equal(_run.Bootstrap, broker.GetProperty("name").GetString());
        Assert.Equal(0, metadata.GetProperty("controllerid").GetInt32());
        var listed = Assert.Single(metadata.GetProperty("topics").EnumerateArray());
        Assert.Equal(topic, listed.GetProperty("topic").GetString());
        Assert.False(listed.TryGetProperty("error", out _), listed.ToString());
        var partition = Assert.Single(listed.GetProperty("partitions").EnumerateArray());
        Assert.Equal(0, partition.GetProperty("partition").GetInt32());
        Assert.Equal(0, partition.GetProperty("leader").GetInt32());
        Assert.Equal(0, Assert.Single(partition.GetProperty("replicas").EnumerateArray()).GetProperty("id").GetInt32());
        Assert.Equal(0, Assert.Single(partition.GetProperty("isrs").EnumerateArray()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Metadata_ListAll_IncludesProducedTopics()
    {
        var first = ScenarioRunner.UniqueName("kcat-all");
        var second = ScenarioRunner.UniqueName("kcat-all");
        await _run.KcatAsync(["-P", "-t", first], "a\n");
        await _run.KcatAsync(["-P", "-t", second], "b\n");

        var metadata = (await _run.KcatAsync(["-L", "-J"])).JsonLines().Single();

        var names = metadata.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("topic").GetString()).ToList();
        Assert.Contains(first, names);
        Assert.Contains(second, names);
    }

    [Fact]
    public async Task Produce_KeyedLines_ConsumerSeesKeysPayloadsAndOffsetsInOrder()
    {
        var topic = ScenarioRunner.UniqueName("kcat-keys");
        await _run.KcatAsync(["-P", "-t", topic, "-K", ":"], "user-1:login\nuser-2:view:page=3\nuser-1:logout\n");

        var messages = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "beginning", "-e", "-J"]));

        Assert.Equal([0L, 1L, 2L], messages.Select(m => m.Offset));
        Assert.Equal(["user-1", "user-2", "user-1"], messages.Select(m => m.Key));
        Assert.Equal(["login", "view:page=3", "logout"], messages.Select(m => m.Payload));
        Assert.All(messages, m => Assert.Equal(topic, m.Topic));
    }

    [Fact]
    public async Task Produce_NullAndEmptyKeys_AreKeptApart()
    {
        var topic = ScenarioRunner.UniqueName("kcat-nullkey");
        await _run.KcatAsync(["-P", "-t", topic], "no-key\n");
        await _run.KcatAsync(["-P", "-t", topic, "-K", ":"], "line-without-delimiter\n:empty-key\n");

        var messages = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "beginning", "-e", "-J"]));

        Assert.Equal(3, messages.Count);
        Assert.Null(messages[0].Key);
        Assert.Equal("no-key", messages[0].Payload);
        Assert.Null(messages[1].Key);
        Assert.Equal("line-without-delimiter", messages[1].Payload);
        Assert.Equal(string.Empty, messages[2].Key);
        Assert.Equal("empty-key", messages[2].Payload);
    }

    [Fact]
    public async Task Produce_NullPayloadWithKey_IsTombstone()
    {
        var topic = ScenarioRunner.UniqueName("kcat-tombstone");
        await _run.KcatAsync(["-P", "-t", topic, "-K", ":", "-Z"], "k1:\nk2:v\n");

        var messages = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "beginning", "-e", "-J"]));

        Assert.Equal(["k1", "k2"], messages.Select(m => m.Key));
        Assert.Null(messages[0].Payload);
        Assert.Equal("v", messages[1].Payload);
    }

    [Fact]
    public async Task Produce_WithHeaders_ConsumerSeesThemInOrderIncludingDuplicatesAndEmptyValues()
    {
        var topic = ScenarioRunner.UniqueName("kcat-headers");
        await _run.KcatAsync(["-P", "-t", topic, "-H", "trace=abc-123", "-H", "empty=", "-H", "trace=second"], "with-headers\n");
        await _run.KcatAsync(["-P", "-t", topic], "without-headers\n");

        var messages = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "beginning", "-e", "-J"]));

        Assert.Equal(2, messages.Count);
        Assert.Equal(
            [new("trace", "abc-123"), new("empty", string.Empty), new("trace", "second")],
            messages[0].Headers);
        Assert.Empty(messages[1].Headers);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("gzip")]
    [InlineData("snappy")]
    [InlineData("lz4")]
    [InlineData("zstd")]
    public async Task Produce_Codec_ConsumerReadsEveryPayloadBack(string codec)
    {
        var topic = ScenarioRunner.UniqueName("kcat-" + codec);
        var lines = Enumerable.Range(0, 300)
            .Select(i => i % 3 == 0 ? $"row {i} " + new string('x', i % 50) : $"row {i} {Guid.NewGuid():N}")
            .ToList();
        await _run.KcatAsync(["-P", "-t", topic, "-z", codec, "-K", "\t", "-X", "linger.ms=20"],
            string.Concat(lines.Select((l, i) => $"k{i}\t{l}\n")));

        var messages = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "beginning", "-e", "-J"]));

        Assert.Equal(lines, messages.Select(m => m.Payload));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"k{i}"), messages.Select(m => m.Key));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), messages.Select(m => m.Offset));
    }

    [Fact]
    public async Task Consume_StartOffsets_BeginningAbsoluteRelativeAndEnd()
    {
        var topic = ScenarioRunner.UniqueName("kcat-offsets");
        await _run.KcatAsync(["-P", "-t", topic], "m0\nm1\nm2\nm3\nm4\n");

        async Task<List<long>> FromAsync(string offset) =>
            KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", offset, "-e", "-J"])).Select(m => m.Offset).ToList();

        Assert.Equal([0L, 1, 2, 3, 4], await FromAsync("beginning"));
        Assert.Equal([2L, 3, 4], await FromAsync("2"));
        Assert.Equal([3L, 4], await FromAsync("-2"));
        Assert.Empty(await FromAsync("end"));
        Assert.Equal([4L], await FromAsync("4"));
    }

    [Fact]
    public async Task Consume_CountLimit_StopsAfterThatMany()
    {
        var topic = ScenarioRunner.UniqueName("kcat-count");
        await _run.KcatAsync(["-P", "-t", topic], "a\nb\nc\nd\n");

        var messages = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "1", "-c", "2", "-J"]));

        Assert.Equal(["b", "c"], messages.Select(m => m.Payload));
    }

    [Fact]
    public async Task Consume_FromTimestamp_StartsAtFirstRecordAtOrAfterIt()
    {
        var topic = ScenarioRunner.UniqueName("kcat-time");
        await _run.KcatAsync(["-P", "-t", topic], "early-0\nearly-1\n");
        var early = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "beginning", "-e", "-J"]));
        await _run.KcatAsync(["-P", "-t", topic], "late-2\nlate-3\n");
        var all = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "beginning", "-e", "-J"]));
        Assert.Equal(4, all.Count);
        var target = all[2].Timestamp;
        Assert.True(target > early[^1].Timestamp, $"the second batch was stamped {target}, not after the first ({early[^1].Timestamp})");

        var fromTarget = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "s@" + target.ToString(CultureInfo.InvariantCulture), "-e", "-J"]));
        var fromStart = KcatMessage.All(await _run.KcatAsync(["-C", "-t", topic, "-o", "s@0", "-e", "-J"]));

        Assert.Equal(["late-2", "late-3"], fromTarget.Select(m => m.Payload));
        Assert.Equal([2L, 3L], fromTarget.Select(m => m.Offset));
        Assert.Equal(4, fromStart.Count);
    }

    [Fact]
    public async Task Consume_FormatString_PrintsEachField()
    {
        var topic = ScenarioRunner.UniqueName("kcat-format");
        await _run.KcatAsync(["-P", "-t", topic, "-K", "=", "-H", "h1=v1"], "key-a=payload-a\n");

        var result = await _run.KcatAsync(["-C", "-t", topic, "-o", "beginning", "-e", "-f", "%t|%p|%o|%k|%K|%s|%S|%h|%T\\n"]);

        var fields = Assert.Single(result.Lines).Split('|');
        Assert.Equal(topic, fields[0]);
        Assert.Equal("0", fields[1]);
        Assert.Equal("0", fields[2]);
        Assert.Equal("key-a", fields[3]);
        Assert.Equal("5", fields[4]);
        Assert.Equal("payload-a", fields[5]);
        Assert.Equal("9", fields[6]);
        Assert.Equal("h1=v1", fields[7]);
        Assert.True(long.Parse(fields[8], CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task BalancedConsumer_Group_ConsumesAllThenResumesFromCommittedOffsets()
    {
        var topic = ScenarioRunner.UniqueName("kcat-group");
        var group = ScenarioRunner.UniqueName("kcat-g");
        var first = new StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            first.Append('k').Append(i).Append(':').Append("first-").Append(i).Append('\n');
        }

        await _run.KcatAsync(["-P", "-t", topic, "-K", ":"], first.ToString());
        string[] consume = ["-G", group, "-X", "auto.offset.reset=earliest", "-X", "enable.partition.eof=true", "-e", "-J", topic];

        var round1 = KcatMessage.All(await _run.KcatAsync(consume, timeout: TimeSpan.FromSeconds(60)));
        await _run.KcatAsync(["-P", "-t", topic, "-K", ":"], "k20:second-20\nk21:second-21\n");
        var round2 = KcatMessage.All(await _run.KcatAsync(consume, timeout: TimeSpan.FromSeconds(60)));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => "first-" + i), round1.Select(m => m.Payload));
        Assert.Equal(["second-20", "second-21"], round2.Select(m => m.Payload));
        Assert.Equal([20L, 21L], round2.Select(m => m.Offset));
    }
}
