using ActorStream.Client.Tests.Support;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Client.Tests;

/// <summary>
/// The producer behind a proxy that loses produce responses or cuts connections after the broker
/// appended a batch: retries must not duplicate records (idempotence) and must keep their order.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProducerFaultTests : IAsyncLifetime
{
    private InProcessNode _node = null!;
    private FaultInjectingProxy _proxy = null!;
    private RawKafkaClient _raw = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync();
        _proxy = new FaultInjectingProxy(_node.Port);
        _node.AdvertiseAs("127.0.0.1", _proxy.Port); // every client connection goes through the proxy
        _raw = await RawKafkaClient.ConnectAsync(_node.Port);
    }

    public async Task DisposeAsync()
    {
        _raw.Dispose();
        await _proxy.DisposeAsync();
        await _node.DisposeAsync();
    }

    private ProducerConfig Config(Action<ProducerConfig>? configure = null)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = $"127.0.0.1:{_proxy.Port}",
            LingerMs = 0,
            RequestTimeoutMs = 2000,
            DeliveryTimeoutMs = 30_000,
            RetryBackoffMs = 20,
        };
        configure?.Invoke(config);
        return config;
    }

    [Fact]
    public async Task ProduceAsync_ConnectionCutAfterBrokerAppended_RetriesWithoutDuplicate()
    {
        await _raw.CreateTopicAsync("cut", 1);
        await using var producer = new ProducerBuilder<Null, string>(Config()).Build();
        await producer.ProduceAsync("cut", new Message<Null, string> { Value = "warm-up" });

        _proxy.CutAfterNextResponse(ApiKey.Produce);
        var result = await producer.ProduceAsync("cut", new Message<Null, string> { Value = "once" });

        Assert.Equal(1, _proxy.FaultsFired);
        Assert.True(_proxy.RequestCount(ApiKey.Produce) >= 3, "the lost batch was sent again");
        var log = await _raw.ReadAllAsync("cut", 0);
        Assert.Equal(["warm-up", "once"], log.Records.Select(r => r.ValueString));
        Assert.Equal(1, result.Offset.Value);
    }

    [Fact]
    public async Task ProduceAsync_ResponseDropped_TimesOutRetriesAndStoresOnce()
    {
        await _raw.CreateTopicAsync("dropped", 1);
        await using var producer = new ProducerBuilder<Null, string>(Config()).Build();
        await producer.ProduceAsync("dropped", new Message<Null, string> { Value = "warm-up" });

        _proxy.DropNextResponse(ApiKey.Produce);
        var result = await producer.ProduceAsync("dropped", new Message<Null, string> { Value = "once" });

        Assert.Equal(1, _proxy.FaultsFired);
        Assert.True(_proxy.Connections >= 2, "the timed-out request closed its connection");
        var log = await _raw.ReadAllAsync("dropped", 0);
        Assert.Equal(["warm-up", "once"], log.Records.Select(r => r.ValueString));
        Assert.Equal(1, result.Offset.Value);
    }

    [Fact]
    public async Task ProduceAsync_CutWithFiveRequestsInFlight_KeepsOrderWithoutDuplicatesOrGaps()
    {
        await _raw.CreateTopicAsync("pipelined", 1);
        await using var producer = new ProducerBuilder<Null, string>(Config(c => c.BatchSize = 100)).Build();
        await producer.ProduceAsync("pipelined", new Message<Null, string> { Value = "warm-up" });

        // Cut after the third produce response: later requests in flight fail with it and come back in order.
        _proxy.CutAfterNextResponse(ApiKey.Produce, skip: 2);
        var tasks = new List<Task<DeliveryResult<Null, string>>>();
        for (var i = 0; i < 300; i++)
        {
            tasks.Add(producer.ProduceAsync("pipelined", new Message<Null, string> { Value = "r" + i.ToString("D3") }));
        }

        var results = await Task.WhenAll(tasks);

        Assert.Equal(1, _proxy.FaultsFired);
        var log = await _raw.ReadAllAsync("pipelined", 0);
        Assert.Equal(301, log.Records.Count);
        for (var i = 0; i < 300; i++)
        {
            Assert.Equal("r" + i.ToString("D3"), log.Records[i + 1].ValueString);
            Assert.Equal(i + 1, results[i].Offset.Value);
        }
    }

    [Fact]
    public async Task ProduceAsync_WithoutIdempotence_SameFaultWritesADuplicate()
    {
        // The control experiment: it shows the fault really makes a retry re-append, so the idempotent specs can fail.
        await _raw.CreateTopicAsync("duplicated", 1);
        await using var producer = new ProducerBuilder<Null, string>(Config(c => c.EnableIdempotence = false)).Build();
        await producer.ProduceAsync("duplicated", new Message<Null, string> { Value = "warm-up" });

        _proxy.CutAfterNextResponse(ApiKey.Produce);
        await producer.ProduceAsync("duplicated", new Message<Null, string> { Value = "twice" });

        var log = await _raw.ReadAllAsync("duplicated", 0);
        Assert.Equal(["warm-up", "twice", "twice"], log.Records.Select(r => r.ValueString));
    }

    [Fact]
    public async Task ProduceAsync_BufferMemoryExhausted_WaitsForSpaceThenCompletes()
    {
        await _raw.CreateTopicAsync("backpressure", 1);
        await using var producer = new ProducerBuilder<Null, byte[]>(Config(c =>
        {
            c.BufferMemory = 4096;
            c.BatchSize = 1024;
        })).Build();
        await producer.ProduceAsync("backpressure", new Message<Null, byte[]> { Value = new byte[10] });

        _proxy.HoldResponses();
        var tasks = new List<Task<DeliveryResult<Null, byte[]>>>();
        for (var i = 0; i < 20; i++)
        {
            tasks.Add(producer.ProduceAsync("backpressure", new Message<Null, byte[]> { Value = new byte[500] }));
        }

        // About 7 records of ~540 bytes fit in 4 KiB; the rest wait for memory that only responses free.
        await Await.ConditionAsync(() => ((Producer<Null, byte[]>)producer).Core.Memory.HasWaiters, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(tasks, t => t.IsCompleted);

        _proxy.ReleaseResponses();
        var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i + 1, results[i].Offset.Value);
        }
    }

    [Fact]
    public async Task Produce_BufferMemoryExhaustedPastMaxBlock_ThrowsQueueFull()
    {
        await _raw.CreateTopicAsync("blocked", 1);
        using var producer = new ProducerBuilder<Null, byte[]>(Config(c =>
        {
            c.BufferMemory = 2048;
            c.BatchSize = 1024;
            c.MaxBlockMs = 300;
        })).Build();
        await producer.ProduceAsync("blocked", new Message<Null, byte[]> { Value = new byte[10] });

        _proxy.HoldResponses();
        var delivered = 0;
        var error = Assert.Throws<ProduceException<Null, byte[]>>(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                producer.Produce("blocked", new Message<Null, byte[]> { Value = new byte[400] }, _ => Interlocked.Increment(ref delivered));
            }
        });

        Assert.Equal(LocalErrorCode.QueueFull, error.Error.LocalCode);
        Assert.Equal(PersistenceStatus.NotPersisted, error.DeliveryResult.Status);
        _proxy.ReleaseResponses();
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        Assert.True(delivered is > 0 and < 100, $"{delivered} records were accepted before the buffer filled up");
    }
}
