using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorStream.Cli.Tests.Support;

namespace ActorStream.Cli.Tests;

[Collection(CliNodeCollection.Name)]
public sealed class ProduceConsumeCommandTests(CliNodeFixture node)
{
    [Fact]
    public async Task Produce_ThousandKeyedLinesWithHeaders_ConsumeJsonReturnsThemInOrder()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(node.Bootstrap, null, "topics", "create", "lines", "--partitions", "1")).ExitCode);
        var input = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            input.Append("key-").Append(i.ToString(CultureInfo.InvariantCulture)).Append("::value ").Append(i.ToString(CultureInfo.InvariantCulture))
                .Append(" é€ \"q\" a::b\n");
        }

        var produced = await CliProcess.RunAsync(node.Bootstrap, input.ToString(), "produce", "lines", "--key-separator", "::", "--header", "source=cli", "--header", "n=é");
        Assert.True(produced.ExitCode == 0, produced.ToString());
        Assert.Contains("Produced 1000 records to lines.", produced.Stderr, StringComparison.Ordinal);

        var consumed = await CliProcess.RunAsync(node.Bootstrap, null, "consume", "lines", "--from-beginning", "--max", "1000", "--format", "json", "--timeout-ms", "30000");
        Assert.True(consumed.ExitCode == 0, consumed.ToString());
        var lines = consumed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1000, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var record = JsonDocument.Parse(lines[i]);
            var root = record.RootElement;
            Assert.Equal("lines", root.GetProperty("topic").GetString());
            Assert.Equal(0, root.GetProperty("partition").GetInt32());
            Assert.Equal(i, root.GetProperty("offset").GetInt64());
            Assert.True(root.GetProperty("timestamp").GetInt64() > 0);
            Assert.Equal("key-" + i.ToString(CultureInfo.InvariantCulture), root.GetProperty("key").GetString());
            Assert.Equal("value " + i.ToString(CultureInfo.InvariantCulture) + " é€ \"q\" a::b", root.GetProperty("value").GetString());
            var headers = root.GetProperty("headers");
            Assert.Equal(2, headers.GetArrayLength());
            Assert.Equal("source", headers[0].GetProperty("key").GetString());
            Assert.Equal("cli", headers[0].GetProperty("value").GetString());
            Assert.Equal("n", headers[1].GetProperty("key").GetString());
            Assert.Equal("é", headers[1].GetProperty("value").GetString());
        }
    }

    [Fact]
    public async Task Consume_TemplateAndPartitionOffset_PrintsFromThatOffset()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(node.Bootstrap, null, "topics", "create", "templated", "--partitions", "1")).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(node.Bootstrap, "a=1\nb=2\nc=3\n", "produce", "templated", "--key-separator", "=")).ExitCode);

        var consumed = await CliProcess.RunAsync(node.Bootstrap, null, "consume", "templated", "--partition", "0", "--offset", "1", "--format", "%o|%k\\t%v", "--max", "2");

        Assert.True(consumed.ExitCode == 0, consumed.ToString());
        Assert.Equal("1|b\t2\n2|c\t3\n", consumed.Stdout);
    }

    [Fact]
    public async Task Consume_NoDataWithinTimeout_ExitsZero()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(node.Bootstrap, null, "topics", "create", "quiet")).ExitCode);

        var consumed = await CliProcess.RunAsync(node.Bootstrap, null, "consume", "quiet", "--timeout-ms", "1500");

        Assert.True(consumed.ExitCode == 0, consumed.ToString());
        Assert.Equal(string.Empty, consumed.Stdout);
    }
}
