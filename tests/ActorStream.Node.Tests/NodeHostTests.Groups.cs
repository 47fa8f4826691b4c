using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Node.Tests.Support;

namespace ActorStream.Node.Tests;

public sealed partial class NodeHostTests
{
    /// <summary>
    /// Group offsets survive kill -9. A settled group ("audit", committed once through the protocol codecs with
    /// metadata) and a busy one ("billing": librdkafka commits offset i * 10 + p for all four partitions in
    /// iteration i, one synchronous commit after the other) share the node; it is killed mid-loop, twice. After
    /// each restart OffsetFetch returns, for the busy group, the offsets of one single iteration on every
    /// partition (a commit is stored whole or not at all) that is at least the last acknowledged one and at most
    /// the last one sent; and exactly the settled group's offsets and metadata.
    /// </summary>
    [Fact]
    public async Task RunAsync_KilledWhileCommittingOffsets_KeepsEveryAcknowledgedCommitWhole()
    {
        const string topic = "orders";
        using var dir = new TempDirectory();
        var port = FreePort.Next();
        var node = await NodeProcess.StartAsync(dir.Path, port);
        try
        {
            using (var admin = await KafkaWireClient.ConnectAsync(port))
            {
                await NodeAdmin.CreateTopicAsync(admin, topic, Partitions);
                var audit = new OffsetCommitRequest { GroupId = "audit", GenerationIdOrMemberEpoch = -1, MemberId = string.Empty };
                audit.Topics.Add(new OffsetCommitRequest.OffsetCommitRequestTopic
                {
                    Name = topic,
                    Partitions = [.. Enumerable.Range(0, Partitions).Select(p => new OffsetCommitRequest.OffsetCommitRequestPartition { PartitionIndex = p, CommittedOffset = 1000 + p, CommittedMetadata = "audit-" + p })],
                });
                var committed = await admin.RequestAsync<OffsetCommitResponse>(ApiKey.OffsetCommit, 8, audit);
                Assert.All(Assert.Single(committed.Topics).Partitions, p => Assert.Equal((short)ErrorCode.None, p.ErrorCode));
            }

            var next = 1;
            for (var round = 0; round < 2; round++)
            {
                var running = node;
                await using var committer = PythonCommitter.Start(node.Bootstrap, "billing", topic, Partitions, next);
                await Deadline.UntilAsync(() => committer.LastCommitted >= next + 50, s_clientTimeout, () => committer.Describe() + "\nnode:\n" + running.Output);
                await node.KillAsync();
                var (acknowledged, attempted) = await committer.KillAsync();

                node = await NodeProcess.StartAsync(dir.Path, port);
                using var client = await KafkaWireClient.ConnectAsync(port);
                var billing = await FetchOffsetsAsync(client, "billing", topic);
                var iteration = (int)(billing[0].Offset / 10);
                for (var p = 0; p < Partitions; p++)
                {
                    Assert.True(billing[p].Offset == (iteration * 10) + p, $"partition {p} holds {billing[p].Offset}, partition 0 holds iteration {iteration}: a commit was torn");
                }

                Assert.InRange(iteration, acknowledged, attempted);
                var audit = await FetchOffsetsAsync(client, "audit", topic);
                for (var p = 0; p < Partitions; p++)
                {
                    Assert.Equal((1000L + p, "audit-" + p), audit[p]);
                }

                output.WriteLine($"round {round}: killed with commits {acknowledged} acknowledged and {attempted} sent; iteration {iteration} survived");
                next = iteration + 1;
            }
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private static async Task<(long Offset, string? Metadata)[]> FetchOffsetsAsync(KafkaWireClient client, string group, string topic)
    {
        var request = new OffsetFetchRequest();
        request.Groups.Add(new OffsetFetchRequest.OffsetFetchRequestGroup
        {
            GroupId = group,
            Topics = [new OffsetFetchRequest.OffsetFetchRequestTopics { Name = topic, PartitionIndexes = [.. Enumerable.Range(0, Partitions)] }],
        });
        var response = await client.RequestAsync<OffsetFetchResponse>(ApiKey.OffsetFetch, 8, request);
        var fetched = Assert.Single(response.Groups);
        Assert.Equal((short)ErrorCode.None, fetched.ErrorCode);
        var offsets = new (long, string?)[Partitions];
        foreach (var partition in Assert.Single(fetched.Topics).Partitions)
        {
            Assert.Equal((short)ErrorCode.None, partition.ErrorCode);
            offsets[partition.PartitionIndex] = (partition.CommittedOffset, partition.Metadata);
        }

        return offsets;
    }
}
