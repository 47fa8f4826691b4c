using ActorStream.Broker.Partitions;
using ActorStream.Configuration;

namespace ActorStream.Broker.Tests.Partitions;

public sealed class PartitionConfigTests
{
    [Fact]
    public void FromConfig_KafkaNamesAndBrokerKeys_AreRead()
    {
        var config = PartitionConfig.FromConfig(ConfigurationFactory.ParseString("""
            "max.message.bytes" = 2048
            "retention.ms" = 60000
            "retention.bytes" = 1000000
            "message.timestamp.type" = LogAppendTime
            tail-cache-bytes = 1MiB
            snapshot-every-batches = 7
            snapshot-every-bytes = 2MiB
            retention-check-interval = 30s
            leader-epoch = 4
            """));

        Assert.Equal(2048, config.MaxMessageBytes);
        Assert.Equal(60_000, config.RetentionMs);
        Assert.Equal(1_000_000, config.RetentionBytes);
        Assert.Equal(MessageTimestampType.LogAppendTime, config.TimestampType);
        Assert.Equal(1L << 20, config.TailCacheBytes);
        Assert.Equal(7, config.SnapshotEveryBatches);
        Assert.Equal(2L << 20, config.SnapshotEveryBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), config.RetentionCheckInterval);
        Assert.Equal(4, config.LeaderEpoch);
    }

    [Fact]
    public void FromConfig_MissingKeys_KeepDefaults_UnknownTimestampTypeThrows()
    {
        var config = PartitionConfig.FromConfig(ConfigurationFactory.ParseString("leader-epoch = 1"));
        Assert.Equal(PartitionConfig.Default with { LeaderEpoch = 1 }, config);
        Assert.Throws<ArgumentException>(() => PartitionConfig.FromConfig(ConfigurationFactory.ParseString("\"message.timestamp.type\" = Foo")));
    }
}
