using ActorStream.Actor;
using ActorStream.Broker.Topics;
using ActorStream.Configuration;
using ActorStream.Kafka.Protocol;
using static ActorStream.Broker.Topics.TopicProtocol;

namespace ActorStream.Broker.Tests.Topics;

public sealed partial class TopicManagerActorTests : TestKit.Xunit2.TestKit
{
    private readonly TopicsView _view = new();

    private IActorRef Start(BrokerSettings? settings = null, int brokers = 1) =>
        Sys.ActorOf(TopicManagerActor.Props(settings ?? BrokerSettings.Default, _view, brokers));

    private CreateTopicResult Create(IActorRef manager, string name, int partitions = -1, short rf = -1, Dictionary<string, string?>? configs = null, bool validateOnly = false)
    {
        manager.Tell(new CreateTopic(name, partitions, rf, configs, validateOnly), TestActor);
        return ExpectMsg<CreateTopicResult>();
    }

    private DescribedConfig DescribeOne(IActorRef manager, string topic, string key, bool synonyms = false)
    {
        manager.Tell(new DescribeConfigs(topic, [key], synonyms), TestActor);
        var result = ExpectMsg<DescribeConfigsResult>();
        Assert.Equal(ErrorCode.None, result.Error);
        return Assert.Single(result.Configs);
    }

    [Fact]
    public void CreateTopic_Defaults_UsesBrokerDefaultsAndReturnsMetadata()
    {
        var manager = Start();

        var result = Create(manager, "orders");

        Assert.Equal(ErrorCode.None, result.Error);
        Assert.NotNull(result.Topic);
        Assert.Equal(1, result.Topic.PartitionCount);
        Assert.Equal(1, result.Topic.ReplicationFactor);
        Assert.NotEqual(Guid.Empty, result.Topic.TopicId);
        Assert.Empty(result.Topic.Configs);
        Assert.Equal("604800000", result.Topic.GetConfig("retention.ms"));
        Assert.Equal("delete", result.Topic.GetConfig("cleanup.policy"));
        manager.Tell(new GetTopics(), TestActor);
        var topics = ExpectMsg<GetTopicsResult>();
        Assert.Equal("orders", Assert.Single(topics.Topics).Name);
    }

    [Fact]
    public void CreateTopic_WithPartitionsAndConfigs_NormalizesValues()
    {
        var manager = Start();

        var result = Create(manager, "t", 6, 1, new() { ["retention.ms"] = " 1000 ", ["cleanup.policy"] = "compact, delete", ["preallocate"] = "TRUE" });

        Assert.Equal(ErrorCode.None, result.Error);
        Assert.Equal(6, result.Topic!.PartitionCount);
        Assert.Equal("1000", result.Topic.Configs["retention.ms"]);
        Assert.Equal("compact,delete", result.Topic.Configs["cleanup.policy"]);
        Assert.Equal("true", result.Topic.GetConfig("preallocate"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("has space")]
    [InlineData("slash/x")]
    [InlineData("ümlaut")]
    public void CreateTopic_IllegalName_InvalidTopicException(string name)
    {
        var manager = Start();

        var result = Create(manager, name);

        Assert.Equal(ErrorCode.InvalidTopicException, result.Error);
        Assert.NotNull(result.ErrorMessage);
    }

    [Fact]
    public void CreateTopic_NameLongerThan249_InvalidTopicException_249IsFine()
    {
        var manager = Start();

        Assert.Equal(ErrorCode.InvalidTopicException, Create(manager, new string('a', 250)).Error);
        Assert.Equal(ErrorCode.None, Create(manager, new string('a', 249)).Error);
    }

    [Fact]
    public void CreateTopic_Existing_TopicAlreadyExists()
    {
        var manager = Start();
        Create(manager, "dup");

        var result = Create(manager, "dup");

        Assert.Equal(ErrorCode.TopicAlreadyExists, result.Error);
    }

    [Fact]
    public void CreateTopic_DotUnderscoreCollision_InvalidTopicException()
    {
        var manager = Start();
        Assert.Equal(ErrorCode.None, Create(manager, "a.b").Error);

        var result = Create(manager, "a_b");

        Assert.Equal(ErrorCode.InvalidTopicException, result.Error);
        Assert.Contains("collides", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void CreateTopic_BadPartitionCount_InvalidPartitions(int partitions)
    {
        var manager = Start();

        Assert.Equal(ErrorCode.InvalidPartitions, Create(manager, "p", partitions).Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(3)]
    public void CreateTopic_BadReplicationFactor_InvalidReplicationFactor(short rf)
    {
        var manager = Start();

        Assert.Equal(ErrorCode.InvalidReplicationFactor, Create(manager, "r", 1, rf).Error);
    }

    [Fact]
    public void CreateTopic_ReplicationFactorWithinBrokers_Accepted()
    {
        var manager = Start(brokers: 3);

        var result = Create(manager, "r3", 1, 3);

        Assert.Equal(ErrorCode.None, result.Error);
        Assert.Equal(3, result.Topic!.ReplicationFactor);
    }

    [Theory]
    [InlineData("no.such.config", "1")]
    [InlineData("retention.ms", "abc")]
    [InlineData("retention.ms", "-2")]
    [InlineData("cleanup.policy", "shred")]
    [InlineData("message.timestamp.type", "Whenever")]
    [InlineData("min.insync.replicas", "0")]
    [InlineData("min.cleanable.dirty.ratio", "1.5")]
    [InlineData("max.message.bytes", "99999999999")]
    [InlineData("preallocate", "maybe")]
    [InlineData("remote.storage.enable", "true")]
    public void CreateTopic_BadConfig_InvalidConfigNamingKey(string key, string value)
    {
        var manager = Start();

        var result = Create(manager, "c", configs: new() { [key] = value });

        Assert.Equal(ErrorCode.InvalidConfig, result.Error);
        Assert.Contains(key, result.ErrorMessage, StringComparison.Ordinal);
        manager.Tell(new GetTopics(["c"]), TestActor);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, Assert.Single(ExpectMsg<GetTopicsResult>().Errors).Error);
    }

    [Fact]
    public void CreateTopic_NullConfigValue_InvalidRequest()
    {
        var manager = Start();

        Assert.Equal(ErrorCode.InvalidRequest, Create(manager, "n", configs: new() { ["retention.ms"] = null }).Error);
    }

    [Fact]
    public void CreateTopic_ValidateOnly_ChangesNothing()
    {
        var manager = Start();

        var result = Create(manager, "v", 3, validateOnly: true);

        Assert.Equal(ErrorCode.None, result.Error);
        Assert.Equal(3, result.Topic!.PartitionCount);
        manager.Tell(new GetTopics(), TestActor);
        Assert.Empty(ExpectMsg<GetTopicsResult>().Topics);
    }

    [Fact]
    public void DeleteTopic_ByNameAndById_RemovesAndAllowsRecreate()
    {
        var manager = Start();
        var first = Create(manager, "a").Topic!;
        var second = Create(manager, "b").Topic!;

        manager.Tell(new DeleteTopic("a"), TestActor);
        var byName = ExpectMsg<DeleteTopicResult>();
        manager.Tell(new DeleteTopic(null, second.TopicId), TestActor);
        var byId = ExpectMsg<DeleteTopicResult>();

        Assert.Equal((ErrorCode.None, first.TopicId), (byName.Error, byName.TopicId));
        Assert.Equal((ErrorCode.None, "b"), (byId.Error, byId.Name));
        manager.Tell(new GetTopics(), TestActor);
        Assert.Empty(ExpectMsg<GetTopicsResult>().Topics);
        var again = Create(manager, "a");
        Assert.Equal(ErrorCode.None, again.Error);
        Assert.NotEqual(first.TopicId, again.Topic!.TopicId);
    }

    [Fact]
    public void DeleteTopic_Unknown_UnknownTopicOrPartitionOrUnknownTopicId()
    {
        var manager = Start();

        manager.Tell(new DeleteTopic("ghost"), TestActor);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, ExpectMsg<DeleteTopicResult>().Error);
        manager.Tell(new DeleteTopic(null, Guid.NewGuid()), TestActor);
        Assert.Equal(ErrorCode.UnknownTopicId, ExpectMsg<DeleteTopicResult>().Error);
        manager.Tell(new DeleteTopic(null), TestActor);
        Assert.Equal(ErrorCode.InvalidRequest, ExpectMsg<DeleteTopicResult>().Error);
        manager.Tell(new DeleteTopic("bad name"), TestActor);
        Assert.Equal(ErrorCode.InvalidTopicException, ExpectMsg<DeleteTopicResult>().Error);
    }

    [Fact]
    public void DeleteTopic_DeletionDisabled_TopicDeletionDisabled()
    {
        var settings = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""actorstream.broker { "delete.topic.enable" = false }"""));
        var manager = Start(settings);
        Create(manager, "keep");

        manager.Tell(new DeleteTopic("keep"), TestActor);

        Assert.Equal(ErrorCode.TopicDeletionDisabled, ExpectMsg<DeleteTopicResult>().Error);
    }

    [Fact]
    public void CreatePartitions_Grow_IncreasesCount_ShrinkOrSameIsInvalidPartitions()
    {
        var manager = Start();
        Create(manager, "g", 2);

        manager.Tell(new CreatePartitions("g", 1), TestActor);
        Assert.Equal(ErrorCode.InvalidPartitions, ExpectMsg<CreatePartitionsResult>().Error);
        manager.Tell(new CreatePartitions("g", 2), TestActor);
        Assert.Equal(ErrorCode.InvalidPartitions, ExpectMsg<CreatePartitionsResult>().Error);
        manager.Tell(new CreatePartitions("g", 5, ValidateOnly: true), TestActor);
        Assert.Equal(ErrorCode.None, ExpectMsg<CreatePartitionsResult>().Error);
        Assert.Equal(2, _view.Current.Topics["g"].PartitionCount);
        manager.Tell(new CreatePartitions("g", 5), TestActor);
        Assert.Equal(ErrorCode.None, ExpectMsg<CreatePartitionsResult>().Error);
        manager.Tell(new CreatePartitions("nope", 5), TestActor);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, ExpectMsg<CreatePartitionsResult>().Error);

        Assert.Equal(5, _view.Current.Topics["g"].PartitionCount);
    }

    [Fact]
    public void AlterConfigs_FullReplace_UnlistedKeysRevertToDefault()
    {
        var manager = Start();
        Create(manager, "a", configs: new() { ["retention.ms"] = "1000", ["segment.bytes"] = "2048" });

        manager.Tell(new AlterConfigs("a", new Dictionary<string, string?> { ["retention.bytes"] = "5000" }), TestActor);

        Assert.Equal(ErrorCode.None, ExpectMsg<AlterConfigsResult>().Error);
        var topic = _view.Current.Topics["a"];
        Assert.Equal(new Dictionary<string, string> { ["retention.bytes"] = "5000" }, topic.Configs);
        Assert.Equal("604800000", topic.GetConfig("retention.ms"));
        Assert.Equal("1073741824", topic.GetConfig("segment.bytes"));
    }

    [Fact]
    public void AlterConfigs_Errors_InvalidConfigUnknownTopicValidateOnly()
    {
        var manager = Start();
        Create(manager, "a", configs: new() { ["retention.ms"] = "1000" });

        manager.Tell(new AlterConfigs("a", new Dictionary<string, string?> { ["segment.bytes"] = "1" }), TestActor);
        var bad = ExpectMsg<AlterConfigsResult>();
        manager.Tell(new AlterConfigs("x", new Dictionary<string, string?>()), TestActor);
        var unknown = ExpectMsg<AlterConfigsResult>();
        manager.Tell(new AlterConfigs("a", new Dictionary<string, string?>(), ValidateOnly: true), TestActor);
        var validateOnly = ExpectMsg<AlterConfigsResult>();

        Assert.Equal(ErrorCode.InvalidConfig, bad.Error);
        Assert.Contains("segment.bytes", bad.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, unknown.Error);
        Assert.Equal(ErrorCode.None, validateOnly.Error);
        Assert.Equal("1000", _view.Current.Topics["a"].Configs["retention.ms"]);
    }

    [Fact]
    public void IncrementalAlterConfigs_SetDeleteAppendSubtract_Applied()
    {
        var manager = Start();
        Create(manager, "i", configs: new() { ["retention.ms"] = "1000", ["segment.bytes"] = "2048" });

        manager.Tell(new IncrementalAlterConfigs("i",
        [
            new ConfigAlteration("retention.bytes", AlterConfigOp.Set, "77"),
            new ConfigAlteration("retention.ms", AlterConfigOp.Delete, null),
            new ConfigAlteration("cleanup.policy", AlterConfigOp.Append, "compact"),
        ]), TestActor);
        Assert.Equal(ErrorCode.None, ExpectMsg<AlterConfigsResult>().Error);
        var topic = _view.Current.Topics["i"];
        Assert.Equal("77", topic.Configs["retention.bytes"]);
        Assert.False(topic.Configs.ContainsKey("retention.ms"));
        Assert.Equal("2048", topic.Configs["segment.bytes"]);
        Assert.Equal("delete,compact", topic.Configs["cleanup.policy"]);

        manager.Tell(new IncrementalAlterConfigs("i", [new ConfigAlteration("cleanup.policy", AlterConfigOp.Subtract, "delete")]), TestActor);
        Assert.Equal(ErrorCode.None, ExpectMsg<AlterConfigsResult>().Error);
        Assert.Equal("compact", _view.Current.Topics["i"].Configs["cleanup.policy"]);
    }

    [Fact]
    public void IncrementalAlterConfigs_Errors_MapToKafkaCodes()
    {
        var manager = Start();
        Create(manager, "i");

        AlterConfigsResult Send(params ConfigAlteration[] alterations)
        {
            manager.Tell(new IncrementalAlterConfigs("i", alterations), TestActor);
            return ExpectMsg<AlterConfigsResult>();
        }

        Assert.Equal(ErrorCode.InvalidRequest, Send(new ConfigAlteration("retention.ms", AlterConfigOp.Append, "5")).Error);
        Assert.Equal(ErrorCode.InvalidRequest, Send(new ConfigAlteration("retention.ms", AlterConfigOp.Set, "5"), new ConfigAlteration("retention.ms", AlterConfigOp.Set, "6")).Error);
        Assert.Equal(ErrorCode.InvalidConfig, Send(new ConfigAlteration("bogus", AlterConfigOp.Set, "5")).Error);
        Assert.Equal(ErrorCode.InvalidConfig, Send(new ConfigAlteration("cleanup.policy", AlterConfigOp.Subtract, "delete")).Error);
        Assert.Equal(ErrorCode.InvalidRequest, Send(new ConfigAlteration("retention.ms", AlterConfigOp.Set, null)).Error);
        Assert.Empty(_view.Current.Topics["i"].Configs);
    }

    [Fact]
    public void DescribeConfigs_ReportsSourceDefaultAndSynonyms()
    {
        var settings = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""actorstream.broker { "log.retention.bytes" = 12345 }"""));
        var manager = Start(settings);
        Create(manager, "d", configs: new() { ["segment.bytes"] = "4096" });

        var own = DescribeOne(manager, "d", "segment.bytes", synonyms: true);
        var staticBroker = DescribeOne(manager, "d", "retention.bytes", synonyms: true);
        var builtIn = DescribeOne(manager, "d", "retention.ms");

        Assert.Equal(("4096", ConfigSource.DynamicTopicConfig, false, TopicConfigType.Int), (own.Value, own.Source, own.IsDefault, own.Type));
        Assert.Equal(["segment.bytes", "log.segment.bytes"], own.Synonyms.Select(s => s.Name));
        Assert.Equal(("12345", ConfigSource.StaticBrokerConfig, true), (staticBroker.Value, staticBroker.Source, staticBroker.IsDefault));
        Assert.Equal(ConfigSource.StaticBrokerConfig, staticBroker.Synonyms[0].Source);
        Assert.Equal(("604800000", ConfigSource.DefaultConfig, false, false), (builtIn.Value, builtIn.Source, builtIn.ReadOnly, builtIn.IsSensitive));
        Assert.Empty(builtIn.Synonyms);

        manager.Tell(new DescribeConfigs("d"), TestActor);
        var all = ExpectMsg<DescribeConfigsResult>();
        Assert.Equal(new TopicConfigDefinitions(settings).All.Count, all.Configs.Count);
        Assert.True(all.Configs.Single(c => c.Name == "remote.storage.enable").ReadOnly);
        manager.Tell(new DescribeConfigs("missing"), TestActor);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, ExpectMsg<DescribeConfigsResult>().Error);
    }

    [Fact]
    public void DescribeConfigs_RetentionFromLogRetentionHours_StaticBrokerWithSynonymChain()
    {
        var settings = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""actorstream.broker { "log.retention.hours" = 2 }"""));
        var manager = Start(settings);
        Create(manager, "h");

        var retention = DescribeOne(manager, "h", "retention.ms", synonyms: true);

        Assert.Equal(("7200000", ConfigSource.StaticBrokerConfig), (retention.Value, retention.Source));
        Assert.Equal(
            [new ConfigSynonym("log.retention.hours", "2", ConfigSource.StaticBrokerConfig), new ConfigSynonym("log.retention.hours", "168", ConfigSource.DefaultConfig)],
            retention.Synonyms);
    }

    [Fact]
    public void GetTopics_Named_ReturnsFoundAndErrors()
    {
        var manager = Start();
        Create(manager, "b");
        Create(manager, "a");

        manager.Tell(new GetTopics(["a", "zzz", "bad name"]), TestActor);
        var named = ExpectMsg<GetTopicsResult>();
        manager.Tell(new GetTopics(), TestActor);
        var all = ExpectMsg<GetTopicsResult>();

        Assert.Equal("a", Assert.Single(named.Topics).Name);
        Assert.Equal([ErrorCode.UnknownTopicOrPartition, ErrorCode.InvalidTopicException], named.Errors.Select(e => e.Error));
        Assert.Equal(["a", "b"], all.Topics.Select(t => t.Name));
        Assert.Equal(2, all.Version);
    }

    [Fact]
    public void EnsureTopic_Missing_AutoCreatesWithNumPartitionsOnce()
    {
        var settings = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""actorstream.broker { "num.partitions" = 4 }"""));
        var manager = Start(settings);

        manager.Tell(new EnsureTopic("auto"), TestActor);
        manager.Tell(new EnsureTopic("auto"), TestActor);
        var first = ExpectMsg<EnsureTopicResult>();
        var second = ExpectMsg<EnsureTopicResult>();

        Assert.True(first.Created);
        Assert.Equal(4, first.Topic!.PartitionCount);
        Assert.False(second.Created);
        Assert.Equal(first.Topic.TopicId, second.Topic!.TopicId);
        manager.Tell(new EnsureTopic("bad/name"), TestActor);
        Assert.Equal(ErrorCode.InvalidTopicException, ExpectMsg<EnsureTopicResult>().Error);
    }

    [Fact]
    public void EnsureTopic_AutoCreateDisabled_UnknownTopicOrPartition()
    {
        var settings = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""actorstream.broker { "auto.create.topics.enable" = false }"""));
        var manager = Start(settings);

        manager.Tell(new EnsureTopic("auto"), TestActor);

        var result = ExpectMsg<EnsureTopicResult>();
        Assert.Equal((ErrorCode.UnknownTopicOrPartition, false), (result.Error, result.Created));
    }

    [Fact]
    public void Changes_PublishedOnEventStreamWithSnapshot()
    {
        var listener = CreateTestProbe();
        Sys.EventStream.Subscribe(listener, typeof(TopicsChanged));
        var manager = Start();
        var recovered = listener.ExpectMsg<TopicsChanged>();
        Assert.Equal(TopicChangeKind.Recovered, recovered.Kind);

        var created = Create(manager, "e").Topic!;
        var onCreate = listener.ExpectMsg<TopicsChanged>();
        manager.Tell(new IncrementalAlterConfigs("e", [new ConfigAlteration("retention.ms", AlterConfigOp.Set, "10")]), TestActor);
        ExpectMsg<AlterConfigsResult>();
        var onAlter = listener.ExpectMsg<TopicsChanged>();
        manager.Tell(new DeleteTopic("e"), TestActor);
        ExpectMsg<DeleteTopicResult>();
        var onDelete = listener.ExpectMsg<TopicsChanged>();

        Assert.Equal((TopicChangeKind.Created, created.TopicId), (onCreate.Kind, onCreate.Snapshot.Topics["e"].TopicId));
        Assert.Equal((TopicChangeKind.ConfigsChanged, "10"), (onAlter.Kind, onAlter.Snapshot.Topics["e"].GetConfig("retention.ms")));
        Assert.Equal((TopicChangeKind.Deleted, "e"), (onDelete.Kind, onDelete.Topic!.Name));
        Assert.Empty(onDelete.Snapshot.Topics);
        Assert.True(onDelete.Snapshot.Version > onAlter.Snapshot.Version);
        Assert.Same(onDelete.Snapshot, _view.Current);
    }

    [Fact]
    public void Restart_RecoversTopicsFromJournal()
    {
        var manager = Start();
        var kept = Create(manager, "kept", 3, configs: new() { ["retention.ms"] = "5000" }).Topic!;
        Create(manager, "gone");
        manager.Tell(new DeleteTopic("gone"), TestActor);
        ExpectMsg<DeleteTopicResult>();
        manager.Tell(new CreatePartitions("kept", 4), TestActor);
        ExpectMsg<CreatePartitionsResult>();
        Watch(manager);
        Sys.Stop(manager);
        ExpectTerminated(manager);

        var restarted = Sys.ActorOf(TopicManagerActor.Props(BrokerSettings.Default));
        restarted.Tell(new GetTopics(), TestActor);
        var topics = ExpectMsg<GetTopicsResult>();

        var topic = Assert.Single(topics.Topics);
        Assert.Equal(("kept", kept.TopicId, 4, "5000"), (topic.Name, topic.TopicId, topic.PartitionCount, topic.Configs["retention.ms"]));
        Assert.Equal(4, topics.Version);
    }

    [Fact]
    public async Task Restart_AfterSnapshots_RecoversFromSnapshotAndLaterEvents()
    {
        var manager = Sys.ActorOf(TopicManagerActor.Props(BrokerSettings.Default, snapshotEvery: 2));
        Create(manager, "s1", 2);
        Create(manager, "s2");
        manager.Tell(new DeleteTopic("s2"), TestActor);
        ExpectMsg<DeleteTopicResult>();
        manager.Tell(new IncrementalAlterConfigs("s1", [new ConfigAlteration("retention.ms", AlterConfigOp.Set, "9")]), TestActor);
        ExpectMsg<AlterConfigsResult>();
        Create(manager, "s3");
        var store = await Persistence.Persistence.Get(Sys).SnapshotStoreFor(null);
        await AwaitConditionAsync(
            async () => (await store.LoadAsync(TopicManagerActor.PersistenceIdValue, Persistence.SnapshotSelectionCriteria.Latest))?.Metadata.SequenceNr == 4,
            message: "a snapshot at sequence number 4 (older ones deleted)");
        Watch(manager);
        Sys.Stop(manager);
        ExpectTerminated(manager);

        var restarted = Sys.ActorOf(TopicManagerActor.Props(BrokerSettings.Default, snapshotEvery: 2));
        restarted.Tell(new GetTopics(), TestActor);
        var topics = ExpectMsg<GetTopicsResult>();

        Assert.Equal(["s1", "s3"], topics.Topics.Select(t => t.Name));
        Assert.Equal(("9", 2), (topics.Topics[0].Configs["retention.ms"], topics.Topics[0].PartitionCount));
        Assert.Equal(5, topics.Version);
    }
}
