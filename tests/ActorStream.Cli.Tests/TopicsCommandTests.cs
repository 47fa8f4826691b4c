using ActorStream.Cli.Tests.Support;

namespace ActorStream.Cli.Tests;

[Collection(CliNodeCollection.Name)]
public sealed class TopicsCommandTests(CliNodeFixture node)
{
    [Fact]
    public async Task Topics_CreateListDescribeAlterDelete_ReflectEachChange()
    {
        var created = await CliProcess.RunAsync(node.Bootstrap, null, "topics", "create", "orders", "--partitions", "2", "--config", "retention.ms=3600000");
        Assert.True(created.ExitCode == 0, created.ToString());

        var listed = await CliProcess.RunAsync(node.Bootstrap, null, "topics", "list");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("orders", listed.Stdout.Split('\n'));

        var described = await CliProcess.RunAsync(node.Bootstrap, null, "topics", "describe", "orders");
        Assert.True(described.ExitCode == 0, described.ToString());
        Assert.Contains("PartitionCount: 2\t", described.Stdout, StringComparison.Ordinal);
        Assert.Contains("Configs: retention.ms=3600000", described.Stdout, StringComparison.Ordinal);
        Assert.Contains("\tPartition: 1\tLeader: 0\tReplicas: 0\tIsr: 0", described.Stdout, StringComparison.Ordinal);

        var altered = await CliProcess.RunAsync(node.Bootstrap, null, "topics", "alter", "orders", "--partitions", "4", "--config", "cleanup.policy=compact", "--delete-config", "retention.ms");
        Assert.True(altered.ExitCode == 0, altered.ToString());
        var redescribed = await CliProcess.RunAsync(node.Bootstrap, null, "topics", "describe", "orders");
        Assert.Contains("PartitionCount: 4\t", redescribed.Stdout, StringComparison.Ordinal);
        Assert.Contains("Configs: cleanup.policy=compact\n", redescribed.Stdout, StringComparison.Ordinal);

        var deleted = await CliProcess.RunAsync(node.Bootstrap, null, "topics", "delete", "orders");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        var relisted = await CliProcess.RunAsync(node.Bootstrap, null, "topics", "list");
        Assert.DoesNotContain("orders", relisted.Stdout.Split('\n'));
    }

    [Fact]
    public async Task Create_DuplicateTopic_ExitsOneWithTopicAlreadyExists()
    {
        var first = await CliProcess.RunAsync(node.Bootstrap, null, "topics", "create", "twice");
        Assert.True(first.ExitCode == 0, first.ToString());

        var second = await CliProcess.RunAsync(node.Bootstrap, null, "topics", "create", "twice");

        Assert.True(second.ExitCode == 1, second.ToString());
        Assert.StartsWith("error: TOPIC_ALREADY_EXISTS: ", second.Stderr, StringComparison.Ordinal);
        Assert.Contains("twice", second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_UnknownTopic_ExitsOneWithUnknownTopic()
    {
        var result = await CliProcess.RunAsync(node.Bootstrap, null, "topics", "describe", "no-such-topic");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("error: UNKNOWN_TOPIC_OR_PARTITION", result.Stderr, StringComparison.Ordinal);
    }
}
