using ActorStream.Client.Producing;

namespace ActorStream.Client.Tests;

public sealed class ClientConfigTests
{
    [Fact]
    public void Indexer_KnownKey_IsReadBackThroughTheTypedProperty()
    {
        var config = new ProducerConfig { ["linger.ms"] = "7", ["acks"] = "1", ["compression.type"] = "GZIP" };

        Assert.Equal(7, config.LingerMs);
        Assert.Equal(Acks.Leader, config.Acks);
        Assert.Equal(CompressionType.Gzip, config.CompressionType);
        Assert.Equal("7", config["linger.ms"]);
    }

    [Fact]
    public void TypedProperty_IsVisibleThroughTheIndexerAndTheEnumeration()
    {
        var config = new ProducerConfig { BootstrapServers = "a:1", BatchSize = 1234, EnableIdempotence = false, Acks = Acks.All };

        Assert.Equal("1234", config["batch.size"]);
        Assert.Equal("false", config["enable.idempotence"]);
        Assert.Equal("all", config["acks"]);
        Assert.Contains(new KeyValuePair<string, string>("bootstrap.servers", "a:1"), config);
    }

    [Fact]
    public void Indexer_UnknownKey_ThrowsWithASuggestion()
    {
        var config = new ProducerConfig();

        var error = Assert.Throws<ArgumentException>(() => config["linger.mss"] = "5");

        Assert.Contains("Unknown configuration property 'linger.mss'", error.Message);
        Assert.Contains("did you mean 'linger.ms'", error.Message);
    }

    [Fact]
    public void Indexer_ProducerKeyOnAdminConfig_IsUnknown()
    {
        var config = new AdminClientConfig();

        Assert.Throws<ArgumentException>(() => config["linger.ms"] = "5");
        config["default.api.timeout.ms"] = "1000";
        Assert.Equal(1000, config.DefaultApiTimeoutMs);
    }

    [Theory]
    [InlineData("linger.ms", "soon")]
    [InlineData("batch.size", "-1")]
    [InlineData("acks", "2")]
    [InlineData("enable.idempotence", "yes")]
    [InlineData("compression.type", "brotli")]
    public void Indexer_InvalidValue_ThrowsNamingTheProperty(string key, string value)
    {
        var config = new ProducerConfig();

        var error = Assert.Throws<ArgumentException>(() => config[key] = value);

        Assert.Contains($"'{key}'", error.Message);
    }

    [Fact]
    public void Constructor_FromPairs_RejectsUnknownKeys()
    {
        Assert.Throws<ArgumentException>(() => new ProducerConfig([new("bootstrap.servers", "a:1"), new("message.timeout.ms", "5")]));
        var config = new ProducerConfig([new("bootstrap.servers", "a:1"), new("retries", "3")]);
        Assert.Equal(3, config.Retries);
    }

    [Fact]
    public void Set_Null_UnsetsTheProperty()
    {
        var config = new ProducerConfig { LingerMs = 3 };

        config.LingerMs = null;

        Assert.Null(config["linger.ms"]);
        Assert.Equal(TimeSpan.FromMilliseconds(5), ProducerSettings.From(config).Linger);
    }

    [Fact]
    public void ProducerSettings_Defaults_MatchKafka()
    {
        var settings = ProducerSettings.From(new ProducerConfig { BootstrapServers = "a:1" });

        Assert.Equal(-1, settings.Acks);
        Assert.True(settings.Idempotent);
        Assert.False(settings.IdempotenceRequired);
        Assert.Equal(16_384, settings.BatchSize);
        Assert.Equal(33_554_432, settings.BufferMemory);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.DeliveryTimeout);
        Assert.Equal(5, settings.MaxInFlight);
        Assert.Equal(int.MaxValue, settings.Retries);
    }

    [Theory]
    [InlineData("acks", "1")]
    [InlineData("retries", "0")]
    [InlineData("max.in.flight.requests.per.connection", "6")]
    public void ProducerSettings_DefaultIdempotenceWithConflictingSetting_IsSwitchedOff(string key, string value)
    {
        var config = new ProducerConfig { BootstrapServers = "a:1", [key] = value };

        Assert.False(ProducerSettings.From(config).Idempotent);
        config.EnableIdempotence = true;
        Assert.Throws<ArgumentException>(() => ProducerSettings.From(config));
    }

    [Fact]
    public void ProducerSettings_DeliveryTimeoutBelowLingerPlusRequestTimeout_IsRejected()
    {
        var config = new ProducerConfig { BootstrapServers = "a:1", DeliveryTimeoutMs = 1000, RequestTimeoutMs = 1000, LingerMs = 5 };

        var error = Assert.Throws<ArgumentException>(() => ProducerSettings.From(config));
        Assert.Contains("delivery.timeout.ms", error.Message);
    }
}
