using System.Text.Json;
using Xunit.Abstractions;

namespace ActorStream.ClientCompat.Tests;

/// <summary>
/// The errors users run into, as each client reports them: unknown topics when auto-creation is off,
/// oversize records, illegal topic names, shrinking partitions, out-of-range offsets and a topic
/// deleted and created again.
/// </summary>
public sealed class ClientErrorTests : IClassFixture<NodeFixture>, IClassFixture<AutoCreateDisabledNodeFixture>
{
    private const int UnknownTopicOrPartition = 3;
    private const int MessageTooLarge = 10;
    private const int InvalidTopicException = 17;
    private const int InvalidPartitions = 37;

    private static readonly string[] s_illegalNames = ["bad name!", "slash/in/name", new string('a', 250), ".", ".."];

    private readonly ScenarioRunner _run;
    private readonly ScenarioRunner _noAutoCreate;

    public ClientErrorTests(NodeFixture fixture, AutoCreateDisabledNodeFixture noAutoCreate, ITestOutputHelper output)
    {
        _run = new ScenarioRunner(fixture.Node, output);
        _noAutoCreate = new ScenarioRunner(noAutoCreate.Node, output);
    }

    [Fact]
    public async Task UnknownTopic_AutoCreateOff_KcatMetadataAndProduceReportUnknownTopicOrPartition()
    {
        var topic = ScenarioRunner.UniqueName("missing");

        var metadata = (await _noAutoCreate.KcatAsync(["-L", "-J", "-t", topic])).JsonLines().Single();
        var produce = await _noAutoCreate.KcatRawAsync(["-P", "-t", topic], "x\n");

        var listed = Assert.Single(metadata.GetProperty("topics").EnumerateArray());
        Assert.Equal("Broker: Unknown topic or partition", listed.GetProperty("error").GetString());
        Assert.Equal(0, listed.GetProperty("partitions").GetArrayLength());
        Assert.NotEqual(0, produce.ExitCode);
        Assert.Contains("Unknown topic or partition", produce.Stderr, StringComparison.Ordinal);
        var after = (await _noAutoCreate.KcatAsync(["-L", "-J", "-t", topic])).JsonLines().Single();
        Assert.Equal("Broker: Unknown topic or partition", Assert.Single(after.GetProperty("topics").EnumerateArray()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task UnknownTopic_AutoCreateOff_ConfluentDeliveryFailsWithUnknownTopicOrPart()
    {
        var result = await _noAutoCreate.ConfluentAsync("unknown_topic", new { topic = ScenarioRunner.UniqueName("missing") });

        var produce = result.Single("produce").GetProperty("error");
        Assert.Equal(UnknownTopicOrPartition, produce.GetProperty("code").GetInt32());
        Assert.Equal("UNKNOWN_TOPIC_OR_PART", produce.GetProperty("name").GetString());
        Assert.Equal("UNKNOWN_TOPIC_OR_PART", result.Single("metadata").GetProperty("error").GetProperty("name").GetString());
    }

    [Fact]
    public async Task UnknownTopic_AutoCreateOff_KafkaPythonSeesErrorCodeAndSendTimesOut()
    {
        var result = await _noAutoCreate.KafkaPythonAsync("unknown_topic", new { topic = ScenarioRunner.UniqueName("missing") });

        var described = result.Single("described");
        Assert.Equal(UnknownTopicOrPartition, described.GetProperty("error_code").GetInt32());
        Assert.Equal(0, described.GetProperty("partitions").GetInt32());
        Assert.False(result.Single("listed").GetProperty("present").GetBoolean());
        // kafka-python waits max_block_ms for metadata of a topic the cluster does not have.
        Assert.Equal("KafkaTimeoutError", result.Single("send").GetProperty("type").GetString());
    }

    [Fact]
    public async Task UnknownTopic_AutoCreateOff_KafkaJsThrowsUnknownTopicOrPartition()
    {
        var result = await _noAutoCreate.KafkaJsAsync("unknown_topic", new { topic = ScenarioRunner.UniqueName("missing") });

        var send = result.Single("send");
        Assert.Equal("UNKNOWN_TOPIC_OR_PARTITION", send.GetProperty("cause").GetProperty("type").GetString());
        Assert.Equal(UnknownTopicOrPartition, send.GetProperty("cause").GetProperty("code").GetInt32());
        var metadata = result.Single("metadata").GetProperty("error");
        Assert.Equal("KafkaJSProtocolError", metadata.GetProperty("name").GetString());
        Assert.Equal("UNKNOWN_TOPIC_OR_PARTITION", metadata.GetProperty("type").GetString());
    }

    [Fact]
    public async Task OversizeRecord_KafkaPython_MessageSizeTooLargeThenSmallRecordFits()
    {
        var result = await _run.KafkaPythonAsync("oversize_record", new { topic = ScenarioRunner.UniqueName("big") });

        var oversize = result.Single("oversize");
        Assert.Equal("MessageSizeTooLargeError", oversize.GetProperty("type").GetString());
        Assert.Equal(MessageTooLarge, oversize.GetProperty("errno").GetInt32());
        Assert.Equal(0, result.Single("small").GetProperty("offset").GetInt64());
    }

    [Fact]
    public async Task OversizeRecord_Confluent_MsgSizeTooLargeThenSmallRecordFits()
    {
        var result = await _run.ConfluentAsync("oversize_record", new { topic = ScenarioRunner.UniqueName("big") });

        var error = result.Single("oversize").GetProperty("error");
        Assert.Equal(MessageTooLarge, error.GetProperty("code").GetInt32());
        Assert.Equal("MSG_SIZE_TOO_LARGE", error.GetProperty("name").GetString());
        var small = result.Single("small");
        Assert.Equal(JsonValueKind.Null, small.GetProperty("error").ValueKind);
        Assert.Equal(0, small.GetProperty("offset").GetInt64());
    }

    [Fact]
    public async Task IllegalTopicName_KafkaPython_InvalidTopicError()
    {
        var result = await _run.KafkaPythonAsync("invalid_topic", new { names = s_illegalNames });

        var created = result.Events("create");
        Assert.Equal(s_illegalNames, created.Select(c => c.GetProperty("name").GetString()));
        Assert.All(created, c =>
        {
            Assert.Equal("InvalidTopicError", c.GetProperty("type").GetString());
            Assert.Equal(InvalidTopicException, c.GetProperty("errno").GetInt32());
        });
    }

    [Fact]
    public async Task IllegalTopicName_Confluent_TopicException()
    {
        var result = await _run.ConfluentAsync("invalid_topic", new { names = s_illegalNames });

        var created = result.Events("create");
        Assert.Equal(s_illegalNames.Length, created.Count);
        Assert.All(created, c => Assert.Equal(InvalidTopicException, c.GetProperty("error").GetProperty("code").GetInt32()));
    }

    [Fact]
    public async Task IllegalTopicName_KafkaJs_InvalidTopicException()
    {
        var result = await _run.KafkaJsAsync("invalid_topic", new { names = s_illegalNames });

        var created = result.Events("create");
        Assert.Equal(s_illegalNames.Length, created.Count);
        Assert.All(created, c =>
        {
            Assert.Equal("INVALID_TOPIC_EXCEPTION", c.GetProperty("inner").GetProperty("type").GetString());
            Assert.Equal(InvalidTopicException, c.GetProperty("inner").GetProperty("code").GetInt32());
        });
    }

    [Fact]
    public async Task IllegalTopicName_KcatProduce_FailsWithTopicException()
    {
        var produce = await _run.KcatRawAsync(["-P", "-t", "bad name!"], "x\n");

        Assert.NotEqual(0, produce.ExitCode);
        Assert.Contains("Topic", produce.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Broker: Invalid topic", produce.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShrinkPartitions_KafkaPython_InvalidPartitionsAndCountUnchanged()
    {
        var result = await _run.KafkaPythonAsync("shrink_partitions", new { topic = ScenarioRunner.UniqueName("shrink") });

        var attempts = result.Events("create_partitions");
        Assert.Equal([1, 3], attempts.Select(a => a.GetProperty("count").GetInt32()));
        Assert.All(attempts, a =>
        {
            Assert.Equal("InvalidPartitionsError", a.GetProperty("type").GetString());
            Assert.Equal(InvalidPartitions, a.GetProperty("errno").GetInt32());
        });
        Assert.Equal(3, result.Single("described").GetProperty("partitions").GetInt32());
    }

    [Fact]
    public async Task ShrinkPartitions_Confluent_InvalidPartitionsAndCountUnchanged()
    {
        var result = await _run.ConfluentAsync("shrink_partitions", new { topic = ScenarioRunner.UniqueName("shrink") });

        var attempts = result.Events("create_partitions");
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a =>
        {
            Assert.Equal(InvalidPartitions, a.GetProperty("error").GetProperty("code").GetInt32());
            Assert.Equal("INVALID_PARTITIONS", a.GetProperty("error").GetProperty("name").GetString());
        });
        Assert.Equal(3, result.Single("described").GetProperty("partitions").GetInt32());
    }

    [Fact]
    public async Task OffsetOutOfRange_KafkaPython_NonePolicyRaisesEarliestPolicyRestartsAtZero()
    {
        var result = await _run.KafkaPythonAsync("offset_out_of_range", new { topic = ScenarioRunner.UniqueName("oor") });

        var none = result.Single("none_policy");
        Assert.Equal("OffsetOutOfRangeError", none.GetProperty("type").GetString());
        Assert.Equal(1, none.GetProperty("errno").GetInt32());
        Assert.Equal([0L, 1, 2], ScenarioRecord.All(result, "earliest_policy").Select(r => r.Offset));
    }

    [Fact]
    public async Task OffsetOutOfRange_Confluent_ErrorPolicyReportsResetEarliestPolicyRestartsAtZero()
    {
        var result = await _run.ConfluentAsync("offset_out_of_range", new { topic = ScenarioRunner.UniqueName("oor") });

        var error = result.Single("error_policy").GetProperty("error");
        Assert.Equal("_AUTO_OFFSET_RESET", error.GetProperty("name").GetString());
        Assert.Contains("Offset out of range", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal([0L, 1, 2], ScenarioRecord.All(result, "earliest_policy").Select(r => r.Offset));
    }

    [Fact]
    public async Task RecreatedTopic_KafkaPython_StartsEmptyAtOffsetZero()
    {
        var result = await _run.KafkaPythonAsync("recreate_topic", new { topic = ScenarioRunner.UniqueName("recreate") });

        Assert.Equal("[0]", result.Single("produced").GetProperty("offsets").GetRawText());
        var bounds = result.Single("bounds");
        Assert.Equal((0L, 1L), (bounds.GetProperty("beginning").GetInt64(), bounds.GetProperty("end").GetInt64()));
        var consumed = Assert.Single(ScenarioRecord.All(result, "consumed"));
        Assert.Equal((0L, ScenarioRecord.Hex("new-0")), (consumed.Offset, consumed.Value));
    }
}
