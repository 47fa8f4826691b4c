using ActorStream.Broker.Groups;
using ActorStream.Broker.Topics;
using ActorStream.Configuration;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Groups.GroupProtocol;

namespace ActorStream.Broker.Tests.GroupActor;

/// <summary>Group and topic events stored in a real SQLite journal (bytes through the registered serializers) and recovered.</summary>
public sealed class SqliteRecoveryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actorstream-broker-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The journal's files may still be held briefly by SQLite's pool; the OS temp dir cleans up.
        }
    }

    private Config SystemConfig() => ConfigurationFactory.ParseString($$"""
        actorstream.persistence.journal.plugin = "broker-sqlite"
        broker-sqlite {
          class = "ActorStream.Persistence.Sql.SqliteJournalProvider, ActorStream.Persistence.Sql"
          data-source = "{{Path.Combine(_directory, "journal.db").Replace("\\", "/", StringComparison.Ordinal)}}"
        }
        """);

    [Fact]
    public async Task GroupAndTopics_NewActorSystem_RecoverFromSqlite()
    {
        Guid topicId;
        using (var first = new TestKit.Xunit2.TestKit(SystemConfig()))
        {
            var topics = first.Sys.ActorOf(TopicManagerActor.Props(BrokerSettings.Default));
            topics.Tell(new TopicProtocol.CreateTopic("orders", 2, Configs: new Dictionary<string, string?> { ["retention.ms"] = "1000" }), first.TestActor);
            topicId = first.ExpectMsg<TopicProtocol.CreateTopicResult>().Topic!.TopicId;

            var group = first.Sys.ActorOf(GroupCoordinatorActor.Props("sq", new GroupCoordinatorConfig { InitialRebalanceDelayMs = 0 }));
            group.Tell(new JoinGroup(1, 3, "", null, "c", "/127.0.0.1", 10_000, 30_000, "consumer", [new MemberProtocol("range", new byte[] { 7 })]), first.TestActor);
            var join = first.ExpectMsg<JoinGroupReply>();
            Assert.Equal(ErrorCode.None, join.Error);
            group.Tell(new SyncGroup(2, join.MemberId, null, 1, null, null, [new MemberAssignment(join.MemberId, new byte[] { 1, 2 })]), first.TestActor);
            Assert.Equal(ErrorCode.None, first.ExpectMsg<SyncGroupReply>().Error);
            group.Tell(new OffsetCommit(3, 8, join.MemberId, null, 1, -1, [new OffsetCommitPartition("orders", 1, 77)]), first.TestActor);
            Assert.Equal(ErrorCode.None, Assert.Single(first.ExpectMsg<OffsetCommitReply>().Partitions).Error);
            await first.Sys.Terminate();
        }

        using var second = new TestKit.Xunit2.TestKit(SystemConfig());
        var recoveredTopics = second.Sys.ActorOf(TopicManagerActor.Props(BrokerSettings.Default));
        recoveredTopics.Tell(new TopicProtocol.GetTopics(["orders"]), second.TestActor);
        var topic = Assert.Single(second.ExpectMsg<TopicProtocol.GetTopicsResult>().Topics);
        Assert.Equal((topicId, 2, "1000"), (topic.TopicId, topic.PartitionCount, topic.Configs["retention.ms"]));

        var recoveredGroup = second.Sys.ActorOf(GroupCoordinatorActor.Props("sq"));
        recoveredGroup.Tell(GroupCoordinatorActorProtocol.GetGroupSummary.Instance, second.TestActor);
        var summary = second.ExpectMsg<GroupCoordinatorActorProtocol.GroupSummary>();
        Assert.Equal((GroupState.Stable, 1), (summary.State, summary.GenerationId));
        Assert.Equal(77, summary.Offsets[new TopicPartition("orders", 1)].Offset);
        recoveredGroup.Tell(new DescribeGroup(4), second.TestActor);
        var member = Assert.Single(second.ExpectMsg<DescribeGroupReply>().Members);
        Assert.Equal(new byte[] { 1, 2 }, member.Assignment.ToArray());
        Assert.Equal(new byte[] { 7 }, member.Metadata.ToArray());
    }
}
