using ActorStream.Broker.Topics;
using ActorStream.Configuration;

namespace ActorStream.Broker.Tests.Topics;

public sealed class BrokerSettingsTests
{
    [Fact]
    public void Default_ReferenceConf_KafkaDefaults()
    {
        var settings = BrokerSettings.Default;

        Assert.Equal(1, settings.NumPartitions);
        Assert.Equal(1, settings.DefaultReplicationFactor);
        Assert.True(settings.AutoCreateTopicsEnable);
        Assert.Equal(168L * 3_600_000, settings.LogRetentionMs);
        Assert.Equal("1048588", settings.Get("message.max.bytes"));
        Assert.Equal("9223372036854775807", settings.Get("log.flush.interval.ms"));
        Assert.Equal(3000, settings.Group.InitialRebalanceDelayMs);
        Assert.Equal(7L * 24 * 3_600_000, settings.Group.OffsetsRetentionMs);
        Assert.False(settings.IsExplicit("num.partitions"));
    }

    [Fact]
    public void FromConfig_Overrides_ReadAndMarkedExplicit()
    {
        var config = ConfigurationFactory.ParseString("""
            actorstream.broker {
              "num.partitions" = 8
              "log.retention.minutes" = 2
              "group.max.size" = 5
              "offsets.retention.minutes" = 1
            }
            """);

        var settings = BrokerSettings.FromConfig(config);

        Assert.Equal(8, settings.NumPartitions);
        Assert.Equal(120_000, settings.LogRetentionMs);
        Assert.Equal(5, settings.Group.MaxGroupSize);
        Assert.Equal(60_000, settings.Group.OffsetsRetentionMs);
        Assert.True(settings.IsExplicit("num.partitions"));
        Assert.Equal("120000", new TopicConfigDefinitions(settings).All.Single(d => d.Name == "retention.ms").Default);
    }

    [Fact]
    public void FromConfig_RetentionMsWinsOverMinutesAndHours()
    {
        var settings = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""actorstream.broker { "log.retention.ms" = -1, "log.retention.hours" = 1 }"""));

        Assert.Equal(-1, settings.LogRetentionMs);
    }
}
