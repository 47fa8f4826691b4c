using System.Diagnostics;
using ActorStream.Client.Tests.Support;
using Xunit.Abstractions;

namespace ActorStream.Client.Tests;

/// <summary>
/// A quick throughput figure: 100-byte records through the idempotent producer (acks=all) into an
/// in-process node on loopback. The node and the client share the machine, so the figure is a floor,
/// not a benchmark; the assertions check that every record arrived exactly once.
/// </summary>
[Trait("Category", "Perf")]
public sealed class ProducerThroughputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private InProcessNode _node = null!;

    public async Task InitializeAsync() => _node = await InProcessNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData(16_384, 33_554_432)]
    [InlineData(262_144, 33_554_432)]
    [InlineData(16_384, 1_073_741_824)]
    public async Task Produce_HundredByteRecords_AllDeliveredOnce(int batchSize, long bufferMemory)
    {
        const int Records = 200_000;
        using (var raw = await RawKafkaClient.ConnectAsync(_node.Port))
        {
            await raw.CreateTopicAsync("throughput", 4);
        }

        using var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = _node.BootstrapServers,
            BatchSize = batchSize,
            BufferMemory = bufferMemory,
            LingerMs = 5,
        }).Build();
        var value = new byte[100];
        await producer.ProduceAsync("throughput", new Message<Null, byte[]> { Value = value }); // metadata, producer id

        long delivered = 0;
        long failed = 0;
        Action<DeliveryReport<Null, byte[]>> handler = r =>
        {
            if (r.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }
            else
            {
                Interlocked.Increment(ref delivered);
            }
        };
        var message = new Message<Null, byte[]> { Value = value };
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Records; i++)
        {
            producer.Produce("throughput", message, handler);
        }

        var queued = watch.Elapsed;
        Assert.Equal(0, producer.Flush(TimeSpan.FromMinutes(2)));
        watch.Stop();

        Assert.Equal(0, failed);
        Assert.Equal(Records, delivered);
        var rate = Records / watch.Elapsed.TotalSeconds;
        output.WriteLine($"batch.size={batchSize}, buffer.memory={bufferMemory}: {Records} x 100 B in {watch.ElapsedMilliseconds} ms = {rate:N0} records/s, {rate * 100 / 1024 / 1024:N1} MiB/s of values (queuing took {queued.TotalMilliseconds:N0} ms)");

        long stored = 0;
        using var check = await RawKafkaClient.ConnectAsync(_node.Port);
        for (var p = 0; p < 4; p++)
        {
            stored += (await check.ReadAllAsync("throughput", p)).Records.Count;
        }

        Assert.Equal(Records + 1, stored);
    }
}
