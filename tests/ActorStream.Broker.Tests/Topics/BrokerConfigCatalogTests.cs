using ActorStream.Broker.Topics;
using ActorStream.Configuration;

namespace ActorStream.Broker.Tests.Topics;

public sealed class BrokerConfigCatalogTests
{
    [Fact]
    public void Describe_Defaults_EveryReferenceKeyReadOnlyFromDefaults()
    {
        var configs = BrokerConfigCatalog.Describe(BrokerSettings.Default);

        Assert.Equal(BrokerSettings.Default.Values.Count, configs.Count);
        Assert.Equal(configs.Select(c => c.Name).Order(StringComparer.Ordinal), configs.Select(c => c.Name));
        Assert.All(configs, c => Assert.True(c.ReadOnly));
        Assert.All(configs, c => Assert.Equal(ConfigSource.DefaultConfig, c.Source));
        Assert.All(configs, c => Assert.True(c.IsDefault));
        Assert.All(configs, c => Assert.NotEqual(TopicConfigType.Unknown, c.Type));
        Assert.All(configs, c => Assert.Null(c.Documentation));
    }

    [Fact]
    public void Describe_KeysSetByTheNode_StaticBrokerConfigWithSynonyms()
    {
        var settings = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""actorstream.broker { "num.partitions" = 6, "custom.key" = "x" }"""));

        var configs = BrokerConfigCatalog.Describe(settings, ["num.partitions", "custom.key", "log.retention.hours", "absent"], includeSynonyms: true, includeDocumentation: true);

        Assert.Equal(["custom.key", "log.retention.hours", "num.partitions"], configs.Select(c => c.Name));
        var partitions = configs[2];
        Assert.Equal(("6", ConfigSource.StaticBrokerConfig, false, TopicConfigType.Int), (partitions.Value, partitions.Source, partitions.IsDefault, partitions.Type));
        Assert.Equal(
            [("num.partitions", "6", ConfigSource.StaticBrokerConfig), ("num.partitions", "1", ConfigSource.DefaultConfig)],
            partitions.Synonyms.Select(s => (s.Name, s.Value, s.Source)));
        Assert.False(string.IsNullOrEmpty(partitions.Documentation));
        var custom = configs[0];
        Assert.Equal(("x", ConfigSource.StaticBrokerConfig, TopicConfigType.Unknown, null), (custom.Value, custom.Source, custom.Type, custom.Documentation));
        Assert.Equal(ConfigSource.StaticBrokerConfig, Assert.Single(custom.Synonyms).Source);
        Assert.Equal(ConfigSource.DefaultConfig, configs[1].Source);
    }

    [Fact]
    public void Describe_PasswordKey_SensitiveWithoutValue()
    {
        var settings = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""actorstream.broker { "ssl.keystore.password" = "secret" }"""));

        var config = Assert.Single(BrokerConfigCatalog.Describe(settings, ["ssl.keystore.password"], includeSynonyms: true));

        Assert.True(config.IsSensitive);
        Assert.Null(config.Value);
        Assert.Equal(TopicConfigType.Password, config.Type);
        Assert.All(config.Synonyms, s => Assert.Null(s.Value));
    }
}
