using System.Globalization;
using ActorStream.Cli.Tests.Support;
using ActorStream.Node.Tests.Support;

namespace ActorStream.Cli.Tests;

public sealed class CommandLineErrorsTests
{
    [Fact]
    public async Task AnyCommand_UnreachableNode_ExitsOneQuicklyWithConnectionRefused()
    {
        var bootstrap = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);

        var result = await CliProcess.RunAsync(null, null, "topics", "list", "--bootstrap", bootstrap);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"cannot reach {bootstrap}: connection refused", result.Stderr, StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20), result.ToString());
    }

    [Fact]
    public async Task AnyCommand_BootstrapFromEnvironment_IsUsed()
    {
        var bootstrap = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);

        var result = await CliProcess.RunAsync(bootstrap, null, "groups", "list");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"cannot reach {bootstrap}", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("topics", "create")]
    [InlineData("topics", "create", "x", "--partitions", "many")]
    [InlineData("consume", "t", "--format")]
    [InlineData("no-such-command")]
    [InlineData("groups", "reset-offsets", "g", "--topic", "t")]
    [InlineData("groups", "reset-offsets", "g", "--topic", "t", "--to-earliest", "--to-latest")]
    [InlineData("produce", "t", "--acks", "2")]
    public async Task AnyCommand_BadArguments_ExitsTwo(params string[] args)
    {
        var result = await CliProcess.RunAsync("127.0.0.1:1", null, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
