using System.Diagnostics;
using ActorStream.Cli.Tests.Support;
using ActorStream.Node.Tests.Support;

namespace ActorStream.Cli.Tests;

[Collection(CliNodeCollection.Name)]
public sealed class GroupsCommandTests(CliNodeFixture node)
{
    [Fact]
    public async Task Describe_LagFallsToZeroAfterConsumingWithGroup_AndResetOffsetsDryRunChangesNothing()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(node.Bootstrap, null, "topics", "create", "lagged", "--partitions", "1")).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(node.Bootstrap, string.Concat(Enumerable.Repeat("x\n", 100)), "produce", "lagged")).ExitCode);

        var partial = await CliProcess.RunAsync(node.Bootstrap, null, "consume", "lagged", "--group", "readers", "--from-beginning", "--max", "40");
        Assert.True(partial.ExitCode == 0, partial.ToString());
        Assert.Equal("lagged\t0\t40\t100\t60\t", Row(await DescribeAsync("readers"), "lagged"));

        var rest = await CliProcess.RunAsync(node.Bootstrap, null, "consume", "lagged", "--group", "readers", "--timeout-ms", "3000");
        Assert.True(rest.ExitCode == 0, rest.ToString());
        Assert.Equal(60, rest.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("lagged\t0\t100\t100\t0\t", Row(await DescribeAsync("readers"), "lagged"));

        var listed = await CliProcess.RunAsync(node.Bootstrap, null, "groups", "list");
        Assert.Contains("readers\t", listed.Stdout, StringComparison.Ordinal);

        var dryRun = await CliProcess.RunAsync(node.Bootstrap, null, "groups", "reset-offsets", "readers", "--topic", "lagged", "--to-offset", "10");
        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains("readers\tlagged\t0\t100\t10\n", dryRun.Stdout, StringComparison.Ordinal);
        Assert.Contains("--execute", dryRun.Stderr, StringComparison.Ordinal);
        Assert.Equal("lagged\t0\t100\t100\t0\t", Row(await DescribeAsync("readers"), "lagged"));

        var executed = await CliProcess.RunAsync(node.Bootstrap, null, "groups", "reset-offsets", "readers", "--topic", "lagged", "--to-offset", "10", "--execute");
        Assert.True(executed.ExitCode == 0, executed.ToString());
        Assert.Equal("lagged\t0\t10\t100\t90\t", Row(await DescribeAsync("readers"), "lagged"));

        var earliest = await CliProcess.RunAsync(node.Bootstrap, null, "groups", "reset-offsets", "readers", "--topic", "lagged", "--to-earliest", "--execute");
        Assert.True(earliest.ExitCode == 0, earliest.ToString());
        Assert.Equal("lagged\t0\t0\t100\t100\t", Row(await DescribeAsync("readers"), "lagged"));

        var deleted = await CliProcess.RunAsync(node.Bootstrap, null, "groups", "delete", "readers");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.DoesNotContain("readers\t", (await CliProcess.RunAsync(node.Bootstrap, null, "groups", "list")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetOffsets_GroupWithActiveMember_ExitsOneAndChangesNothing()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(node.Bootstrap, null, "topics", "create", "busy", "--partitions", "1")).ExitCode);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { NodeAssembly.Path, "consume", "busy", "--group", "busy-readers", "--bootstrap", node.Bootstrap })
        {
            start.ArgumentList.Add(arg);
        }

        using var member = Process.Start(start)!;
        try
        {
            var started = Stopwatch.GetTimestamp();
            while (!(await DescribeAsync("busy-readers")).Contains("Members: 1\t", StringComparison.Ordinal))
            {
                Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60), "the consumer never joined its group");
                await Task.Delay(200);
            }

            var refused = await CliProcess.RunAsync(node.Bootstrap, null, "groups", "reset-offsets", "busy-readers", "--topic", "busy", "--to-earliest", "--execute");

            Assert.True(refused.ExitCode == 1, refused.ToString());
            Assert.Contains("active member", refused.Stderr, StringComparison.Ordinal);
            Assert.Equal(string.Empty, refused.Stdout);
        }
        finally
        {
            member.Kill(entireProcessTree: true);
            await member.WaitForExitAsync();
        }
    }

    private static string Row(string describe, string topic)
    {
        foreach (var line in describe.Split('\n'))
        {
            if (line.StartsWith(topic + "\t", StringComparison.Ordinal))
            {
                // TOPIC PARTITION CURRENT END LAG, then the owner columns.
                var columns = line.Split('\t');
                return string.Join('\t', columns[..5]) + "\t";
            }
        }

        return "no row for " + topic + " in:\n" + describe;
    }

    private async Task<string> DescribeAsync(string group)
    {
        var result = await CliProcess.RunAsync(node.Bootstrap, null, "groups", "describe", group);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }
}
