using ActorStream.Client.Consuming;

namespace ActorStream.Client.Tests.Consuming;

[Trait("Category", "Unit")]
public sealed class ConsumerConfigTests
{
    [Fact]
    public void TypedProperties_Set_WriteTheJavaPropertyNames()
    {
        var config = new ConsumerConfig
        {
            GroupId = "g",
            AutoOffsetReset = AutoOffsetReset.Error,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            IsolationLevel = IsolationLevel.ReadCommitted,
            MaxPollIntervalMs = 1234,
            EnablePartitionEof = true,
        };

        Assert.Equal("g", config["group.id"]);
        Assert.Equal("none", config["auto.offset.reset"]);
        Assert.Equal("cooperative-sticky", config["partition.assignment.strategy"]);
        Assert.Equal("read_committed", config["isolation.level"]);
        Assert.Equal("1234", config["max.poll.interval.ms"]);
        Assert.Equal("true", config["enable.partition.eof"]);
        Assert.Equal(AutoOffsetReset.Error, config.AutoOffsetReset);
    }

    [Fact]
    public void Settings_Defaults_AreTheJavaConsumerDefaults()
    {
        var settings = ConsumerSettings.From(new ConsumerConfig { BootstrapServers = "localhost:9092", GroupId = "g" });

        Assert.Equal(AutoOffsetReset.Latest, settings.AutoOffsetReset);
        Assert.True(settings.EnableAutoCommit);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.AutoCommitInterval);
        Assert.Equal(500, settings.MaxPollRecords);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.SessionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.MaxPollInterval);
        Assert.Equal(["range", "cooperative-sticky"], settings.Assignors.Select(a => a.Name));
        Assert.False(settings.Cooperative); // range is eager, so the group rebalances eagerly
        Assert.Equal(1_048_576, settings.MaxPartitionFetchBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.FetchMaxWait);
    }

    [Fact]
    public void Settings_OnlyCooperativeAssignors_RebalanceCooperatively()
    {
        var settings = ConsumerSettings.From(new ConsumerConfig { GroupId = "g", ["partition.assignment.strategy"] = " cooperative-sticky " });

        Assert.True(settings.Cooperative);
        Assert.Equal("cooperative-sticky", Assert.Single(settings.Assignors).Name);
    }

    [Fact]
    public void Settings_AutoCommitWithoutGroup_IsOff()
    {
        Assert.False(ConsumerSettings.From(new ConsumerConfig { EnableAutoCommit = true }).EnableAutoCommit);
    }

    [Fact]
    public void Set_UnknownKey_SuggestsTheClosestName()
    {
        var error = Assert.Throws<ArgumentException>(() => new ConsumerConfig { ["max.poll.record"] = "5" });

        Assert.Contains("max.poll.records", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ProducerConfig { ["group.id"] = "g" }); // consumer-only
    }
}
