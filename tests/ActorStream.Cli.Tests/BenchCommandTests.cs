using System.Globalization;
using System.Text.Json;
using ActorStream.Cli.Tests.Support;
using ActorStream.Node.Tests.Support;

namespace ActorStream.Cli.Tests;

[Collection(CliNodeCollection.Name)]
public sealed class BenchCommandTests(CliNodeFixture node)
{
    private static readonly string[] s_figures = ["recordsPerSecond", "mbPerSecond", "p50Ms", "p99Ms", "p999Ms"];

    [Fact]
    public async Task BenchProduce_SmallCountJson_PrintsOneObjectOfNumbersAndTopicHoldsExactlyThatMany()
    {
        var result = await CliProcess.RunAsync(node.Bootstrap, null, "bench", "produce", "--topic", "bench-produce", "--records", "3000", "--partitions", "3", "--record-size", "50", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = SingleJsonObject(result);
        AssertFigures(json);
        Assert.Equal("produce", json.GetProperty("mode").GetString());
        Assert.Equal(3000, json.GetProperty("records").GetInt64());
        Assert.Equal(50, json.GetProperty("recordSize").GetInt32());
        Assert.Equal(3, json.GetProperty("partitions").GetInt32());
        Assert.Equal("1", json.GetProperty("acks").GetString());
        Assert.Equal(0, json.GetProperty("errors").GetInt64());
        Assert.Equal(node.Bootstrap, json.GetProperty("node").GetString());
        Assert.True(json.GetProperty("recordsPerSecond").GetDouble() > 0, result.ToString());
        Assert.True(json.GetProperty("p50Ms").GetDouble() <= json.GetProperty("p99Ms").GetDouble(), result.ToString());
        Assert.True(json.GetProperty("p99Ms").GetDouble() <= json.GetProperty("p999Ms").GetDouble(), result.ToString());

        var consumed = await CliProcess.RunAsync(node.Bootstrap, null, "consume", "bench-produce", "--from-beginning", "--max", "3001", "--timeout-ms", "3000", "--format", "%p:%o");
        Assert.True(consumed.ExitCode == 0, consumed.ToString());
        var lines = consumed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3000, lines.Length);
        Assert.Equal(3000, new HashSet<string>(lines, StringComparer.Ordinal).Count);
        for (var p = 0; p < 3; p++)
        {
            Assert.Contains(p.ToString(CultureInfo.InvariantCulture) + ":999", lines);
        }
    }

    [Fact]
    public async Task BenchConsume_TopicOfTwoThousand_ReadsAllByDefaultAndNWhenAsked()
    {
        var produced = await CliProcess.RunAsync(node.Bootstrap, null, "bench", "produce", "--topic", "bench-consume", "--records", "2000", "--quiet");
        Assert.True(produced.ExitCode == 0, produced.ToString());

        var all = await CliProcess.RunAsync(node.Bootstrap, null, "bench", "consume", "--topic", "bench-consume", "--json");
        var some = await CliProcess.RunAsync(node.Bootstrap, null, "bench", "consume", "--topic", "bench-consume", "--records", "500", "--json");

        Assert.True(all.ExitCode == 0, all.ToString());
        var json = SingleJsonObject(all);
        AssertFigures(json);
        Assert.Equal("consume", json.GetProperty("mode").GetString());
        Assert.Equal(2000, json.GetProperty("records").GetInt64());
        Assert.Equal(2000 * 100, json.GetProperty("bytes").GetInt64());
        Assert.Equal("wait per Consume call", json.GetProperty("latency").GetString());
        Assert.True(some.ExitCode == 0, some.ToString());
        Assert.Equal(500, SingleJsonObject(some).GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task BenchConsume_MoreThanTheTopicHolds_ExitsOneAndSaysSo()
    {
        var produced = await CliProcess.RunAsync(node.Bootstrap, null, "bench", "produce", "--topic", "bench-short", "--records", "100", "--quiet");
        Assert.True(produced.ExitCode == 0, produced.ToString());

        var result = await CliProcess.RunAsync(node.Bootstrap, null, "bench", "consume", "--topic", "bench-short", "--records", "101", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("holds 100 records", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public async Task BenchEndToEnd_SmallRateForOneSecond_ReceivesEveryRecordWithLatencies()
    {
        var result = await CliProcess.RunAsync(node.Bootstrap, null, "bench", "e2e", "--topic", "bench-e2e", "--rate", "2000", "--duration", "1", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = SingleJsonObject(result);
        AssertFigures(json);
        Assert.Equal("e2e", json.GetProperty("mode").GetString());
        Assert.Equal(2000, json.GetProperty("records").GetInt64());
        Assert.Equal(2000, json.GetProperty("targetRate").GetInt32());
        Assert.Equal(0, json.GetProperty("errors").GetInt64());
        var p50 = json.GetProperty("p50Ms").GetDouble();
        Assert.True(p50 > 0 && p50 < 30_000, result.ToString());
        // Paced: 2,000 records at 2,000/s cannot arrive much faster than in one second.
        Assert.True(json.GetProperty("recordsPerSecond").GetDouble() < 2600, result.ToString());
    }

    [Fact]
    public async Task BenchProduceAndConsume_WithoutBootstrap_RunAgainstAnEmbeddedNode()
    {
        var produced = await CliProcess.RunAsync(null, null, "bench", "produce", "--records", "2000", "--json");
        var consumed = await CliProcess.RunAsync(null, null, "bench", "consume", "--records", "1500", "--json");

        Assert.True(produced.ExitCode == 0, produced.ToString());
        var json = SingleJsonObject(produced);
        AssertFigures(json);
        Assert.Equal("embedded", json.GetProperty("node").GetString());
        Assert.Equal(2000, json.GetProperty("records").GetInt64());
        Assert.Equal(6, json.GetProperty("partitions").GetInt32());
        Assert.Contains("embedded node", produced.Stderr, StringComparison.Ordinal);
        Assert.True(consumed.ExitCode == 0, consumed.ToString());
        var read = SingleJsonObject(consumed);
        Assert.Equal("embedded", read.GetProperty("node").GetString());
        Assert.Equal(1500, read.GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task BenchProduce_UnreachableBootstrap_ExitsOneWithConnectionRefused()
    {
        var bootstrap = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);

        var result = await CliProcess.RunAsync(null, null, "bench", "produce", "--bootstrap", bootstrap, "--records", "10", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"cannot reach {bootstrap}: connection refused", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Theory]
    [InlineData("bench", "produce", "--records", "0")]
    [InlineData("bench", "produce", "--records", "many")]
    [InlineData("bench", "produce", "--acks", "2")]
    [InlineData("bench", "produce", "--compression", "snappy")]
    [InlineData("bench", "consume", "--partitions", "-1")]
    [InlineData("bench", "e2e", "--rate", "0")]
    [InlineData("bench", "e2e", "--record-size", "4")]
    [InlineData("bench", "e2e", "--linger-ms", "-1")]
    [InlineData("bench", "nothing")]
    public async Task Bench_BadArguments_ExitsTwo(params string[] args)
    {
        var result = await CliProcess.RunAsync(null, null, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    private static JsonElement SingleJsonObject(CliResult result)
    {
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.ToString());
        using var document = JsonDocument.Parse(lines[0]);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }

    private static void AssertFigures(JsonElement json)
    {
        foreach (var name in s_figures)
        {
            Assert.True(json.TryGetProperty(name, out var value), $"no {name} in {json}");
            Assert.True(value.ValueKind == JsonValueKind.Number, $"{name} is {value.ValueKind} in {json}");
            Assert.True(value.GetDouble() >= 0, $"{name} is negative in {json}");
        }
    }
}
