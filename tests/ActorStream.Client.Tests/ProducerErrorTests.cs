using ActorStream.Client.Tests.Support;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Client.Tests;

/// <summary>Records rejected before they are queued, and settings the producer refuses.</summary>
[Trait("Category", "Integration")]
public sealed class ProducerErrorTests : IAsyncLifetime
{
    private InProcessNode _node = null!;
    private RawKafkaClient _raw = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync();
        _raw = await RawKafkaClient.ConnectAsync(_node.Port);
    }

    public async Task DisposeAsync()
    {
        _raw.Dispose();
        await _node.DisposeAsync();
    }

    private ProducerConfig Config(Action<ProducerConfig>? configure = null)
    {
        var config = new ProducerConfig { BootstrapServers = _node.BootstrapServers, LingerMs = 0, MaxBlockMs = 1000 };
        configure?.Invoke(config);
        return config;
    }

    [Fact]
    public async Task ProduceAsync_PartitionBeyondTheTopic_FailsWithUnknownPartitionAfterMaxBlock()
    {
        await _raw.CreateTopicAsync("two", 2);
        await using var producer = new ProducerBuilder<Null, string>(Config()).Build();

        var error = await Assert.ThrowsAsync<ProduceException<Null, string>>(() =>
            producer.ProduceAsync(new TopicPartition("two", 5), new Message<Null, string> { Value = "x" }));

        Assert.Equal(LocalErrorCode.UnknownPartition, error.Error.LocalCode);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, error.Error.Code);
        Assert.Equal(5, error.DeliveryResult.Partition.Value);
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task ProduceAsync_ExplicitPartition_GoesThere()
    {
        await _raw.CreateTopicAsync("explicit", 3);
        await using var producer = new ProducerBuilder<string, string>(Config()).Build();

        var result = await producer.ProduceAsync(new TopicPartition("explicit", 2), new Message<string, string> { Key = "21", Value = "x" });

        Assert.Equal(2, result.Partition.Value); // not the key's partition (0)
        Assert.Single((await _raw.ReadAllAsync("explicit", 2)).Records);
    }

    [Fact]
    public async Task ProduceAsync_InvalidTopicName_FailsAtOnce()
    {
        await using var producer = new ProducerBuilder<Null, string>(Config(c => c.MaxBlockMs = 30_000)).Build();

        var error = await Assert.ThrowsAsync<ProduceException<Null, string>>(() =>
            producer.ProduceAsync("bad topic!", new Message<Null, string> { Value = "x" })).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(ErrorCode.InvalidTopicException, error.Error.Code);
    }

    [Fact]
    public async Task ProduceAsync_SerializerThrows_FailsWithSerializationError()
    {
        await using var producer = new ProducerBuilder<string, string>(Config())
            .SetValueSerializer(new ThrowingSerializer())
            .Build();

        var error = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
            producer.ProduceAsync("any", new Message<string, string> { Key = "k", Value = "v" }));

        Assert.Equal(LocalErrorCode.ValueSerialization, error.Error.LocalCode);
        Assert.IsType<FormatException>(error.InnerException);
    }

    [Fact]
    public async Task ProduceAsync_RecordAboveMaxRequestSize_FailsWithMessageTooLarge()
    {
        await using var producer = new ProducerBuilder<Null, byte[]>(Config(c => c.MaxRequestSize = 10_000)).Build();

        var error = await Assert.ThrowsAsync<ProduceException<Null, byte[]>>(() =>
            producer.ProduceAsync("any", new Message<Null, byte[]> { Value = new byte[20_000] }));

        Assert.Equal(LocalErrorCode.MessageTooLarge, error.Error.LocalCode);
        Assert.Equal(ErrorCode.MessageTooLarge, error.Error.Code);
    }

    [Fact]
    public void Build_SnappyCompression_IsNotAvailable()
    {
        var builder = new ProducerBuilder<Null, string>(Config(c => c.CompressionType = CompressionType.Snappy));

        var error = Assert.Throws<NotSupportedException>(() => builder.Build());
        Assert.Contains("snappy", error.Message);
    }

    [Fact]
    public void Build_ExplicitIdempotenceWithAcksOne_IsRejected()
    {
        var builder = new ProducerBuilder<Null, string>(Config(c =>
        {
            c.EnableIdempotence = true;
            c.Acks = Acks.Leader;
        }));

        var error = Assert.Throws<ArgumentException>(() => builder.Build());
        Assert.Contains("acks", error.Message);
    }

    [Fact]
    public void Build_KeyTypeWithoutSerializer_AsksForOne()
    {
        var builder = new ProducerBuilder<Guid, string>(Config());

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("SetKeySerializer", error.Message);
    }

    [Fact]
    public async Task ProduceAsync_NoBrokerReachable_FailsAfterMaxBlock()
    {
        var port = _node.Port;
        await _node.DisposeAsync();
        _node = await InProcessNode.StartAsync();
        await using var producer = new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = $"127.0.0.1:{port}",
            MaxBlockMs = 500,
            ReconnectBackoffMs = 10,
        }).Build();

        var error = await Assert.ThrowsAsync<ProduceException<Null, string>>(() =>
            producer.ProduceAsync("unreachable", new Message<Null, string> { Value = "x" }));

        Assert.Equal(LocalErrorCode.UnknownTopic, error.Error.LocalCode);
        Assert.Contains("500 ms", error.Error.Reason);
    }

    [Fact]
    public async Task ProduceAsync_BrokerGoneAfterMetadata_FailsWithMessageTimedOutAfterDeliveryTimeout()
    {
        await _raw.CreateTopicAsync("orphaned", 1);
        await using var producer = new ProducerBuilder<Null, string>(Config(c =>
        {
            c.DeliveryTimeoutMs = 1500;
            c.RequestTimeoutMs = 1000;
            c.ReconnectBackoffMs = 20;
        })).Build();
        await producer.ProduceAsync("orphaned", new Message<Null, string> { Value = "before" });
        _raw.Dispose();
        await _node.DisposeAsync();
        _node = await InProcessNode.StartAsync(); // a different port: the old address stays dead
        _raw = await RawKafkaClient.ConnectAsync(_node.Port);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ProduceException<Null, string>>(() =>
            producer.ProduceAsync("orphaned", new Message<Null, string> { Value = "lost" }));

        Assert.Equal(LocalErrorCode.MessageTimedOut, error.Error.LocalCode);
        Assert.Contains("delivery.timeout.ms", error.Error.Reason);
        Assert.Equal(PersistenceStatus.NotPersisted, error.DeliveryResult.Status);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(1000), TimeSpan.FromSeconds(15));
    }

    private sealed class ThrowingSerializer : ISerializer<string>
    {
        public byte[]? Serialize(string data, SerializationContext context) => throw new FormatException("nope");
    }
}
