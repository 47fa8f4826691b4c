using System.Diagnostics;
using ActorStream.Client.Tests.Support;

namespace ActorStream.Client.Tests;

/// <summary>linger.ms, batch.size, flush, dispose, acks=0 and the sticky partitioner against an in-process node.</summary>
[Trait("Category", "Integration")]
public sealed class ProducerBatchingTests : IAsyncLifetime
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

    private ProducerConfig Config(Action<ProducerConfig> configure)
    {
        var config = new ProducerConfig { BootstrapServers = _node.BootstrapServers };
        configure(config);
        return config;
    }

    [Fact]
    public async Task ProduceAsync_PartialBatch_WaitsForLingerMs()
    {
        await _raw.CreateTopicAsync("linger", 1);
        await using var producer = new ProducerBuilder<Null, string>(Config(c => c.LingerMs = 1500)).Build();
        await producer.ProduceAsync("linger", new Message<Null, string> { Value = "warm-up" }); // metadata and producer id

        var watch = Stopwatch.StartNew();
        await producer.ProduceAsync("linger", new Message<Null, string> { Value = "lingering" });

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(1400), $"sent after {watch.ElapsedMilliseconds} ms, before linger.ms");
    }

    [Fact]
    public async Task ProduceAsync_FullBatch_IsSentWithoutWaitingForLinger()
    {
        await _raw.CreateTopicAsync("full", 1);
        await using var producer = new ProducerBuilder<Null, byte[]>(Config(c =>
        {
            c.LingerMs = 60_000;
            c.BatchSize = 1000;
        })).Build();

        var watch = Stopwatch.StartNew();
        var tasks = new List<Task<DeliveryResult<Null, byte[]>>>();
        for (var i = 0; i < 10; i++)
        {
            tasks.Add(producer.ProduceAsync("full", new Message<Null, byte[]> { Value = new byte[100] }));
        }

        // 100-byte values reserve about 140 bytes each: the first batch fills up after a few records and goes
        // at once; the rest waits for linger.ms (a minute) in the second batch.
        await tasks[0].WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20));
        var log = await _raw.ReadAllAsync("full", 0);
        var first = Assert.Single(log.Batches);
        Assert.InRange(first.RecordCount, 5, 7);
        await Task.WhenAll(tasks.Take(first.RecordCount)).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.DoesNotContain(tasks.Skip(first.RecordCount), t => t.IsCompleted);
        Assert.True(first.SizeInBytes <= 1000, $"batch of {first.SizeInBytes} bytes");

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(20)));
        Assert.All(tasks, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(10, (await _raw.ReadAllAsync("full", 0)).Records.Count);
    }

    [Fact]
    public async Task Produce_DeliveryHandlers_ReportEveryRecordOnFlush()
    {
        await _raw.CreateTopicAsync("handlers", 3);
        using var producer = new ProducerBuilder<string, string>(Config(c => c.LingerMs = 60_000)).Build();
        var reports = new List<DeliveryReport<string, string>>();

        for (var i = 0; i < 30; i++)
        {
            producer.Produce("handlers", new Message<string, string> { Key = "k" + (i % 5), Value = "v" + i }, r =>
            {
                lock (reports)
                {
                    reports.Add(r);
                }
            });
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(20)));
        Assert.Equal(30, reports.Count);
        Assert.All(reports, r => Assert.False(r.Error.IsError));
        Assert.All(reports, r => Assert.Equal(PersistenceStatus.Persisted, r.Status));
        Assert.Equal(30, reports.Select(r => (r.Partition.Value, r.Offset.Value)).Distinct().Count());
    }

    [Fact]
    public async Task Dispose_QueuedRecords_AreFlushedFirst()
    {
        await _raw.CreateTopicAsync("disposed", 1);
        var delivered = 0;
        var producer = new ProducerBuilder<Null, string>(Config(c => c.LingerMs = 60_000)).Build();
        for (var i = 0; i < 25; i++)
        {
            producer.Produce("disposed", new Message<Null, string> { Value = "v" + i }, _ => Interlocked.Increment(ref delivered));
        }

        producer.Dispose();

        Assert.Equal(25, delivered);
        Assert.Equal(25, (await _raw.ReadAllAsync("disposed", 0)).Records.Count);
        Assert.Throws<ObjectDisposedException>(() => producer.Produce("disposed", new Message<Null, string> { Value = "late" }));
    }

    [Fact]
    public async Task ProduceAsync_AcksZero_CompletesWithoutOffsetAndStoresTheRecords()
    {
        await _raw.CreateTopicAsync("fire-and-forget", 1);
        await using var producer = new ProducerBuilder<Null, string>(Config(c =>
        {
            c.Acks = Acks.None;
            c.LingerMs = 0;
        })).Build();

        var results = new List<DeliveryResult<Null, string>>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await producer.ProduceAsync("fire-and-forget", new Message<Null, string> { Value = "v" + i }));
        }

        Assert.All(results, r => Assert.Equal(Offset.Unset, r.Offset));
        Assert.All(results, r => Assert.Equal(PersistenceStatus.PossiblyPersisted, r.Status));
        PartitionLog log = new();
        await Await.ConditionAsync(async () =>
        {
            log = await _raw.ReadAllAsync("fire-and-forget", 0);
            return log.Records.Count == 5;
        }, TimeSpan.FromSeconds(10), () => $"{log.Records.Count} records stored");
        Assert.All(log.Batches, b => Assert.Equal(-1, b.ProducerId)); // acks=0 switches idempotence off
    }

    [Fact]
    public async Task Produce_NullKeys_StickToOnePartitionPerBatch()
    {
        await _raw.CreateTopicAsync("sticky", 4);
        using var producer = new ProducerBuilder<Null, byte[]>(Config(c =>
        {
            c.LingerMs = 60_000;
            c.BatchSize = 1000;
        })).Build();
        var partitions = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            producer.Produce("sticky", new Message<Null, byte[]> { Value = new byte[100] }, r =>
            {
                lock (partitions)
                {
                    partitions.Add(r.Partition.Value);
                }
            });
        }

        producer.Flush(TimeSpan.FromSeconds(20));

        var stored = 0;
        var batches = 0;
        for (var p = 0; p < 4; p++)
        {
            var log = await _raw.ReadAllAsync("sticky", p);
            stored += log.Records.Count;
            batches += log.Batches.Count;
            Assert.All(log.Batches.SkipLast(1), b => Assert.InRange(b.RecordCount, 5, 7)); // whole batches, not one record per partition
        }

        Assert.Equal(100, stored);
        Assert.True(batches >= 14, $"{batches} batches");
        Assert.True(partitions.Distinct().Count() > 1, "the sticky partition moves on after each batch");
    }
}
