using System.Diagnostics;
using Xunit.Abstractions;

namespace ActorStream.Client.Tests.Consuming;

[Trait("Category", "Integration")]
public sealed class ConsumerThroughputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Records = 100_000;

    private GroupTestNode _node = null!;

    public async Task InitializeAsync() => _node = await GroupTestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Consume_HundredThousandRecords_AllArriveInOrderAndTheRateIsReported()
    {
        await _node.CreateTopicAsync("bulk", 1);
        var value = new byte[100];
        using (var producer = new ProducerBuilder<Null, byte[]>(new ProducerConfig
        {
            BootstrapServers = _node.BootstrapServers,
            LingerMs = 5,
            BatchSize = 256 * 1024,
            EnableIdempotence = false,
        }).Build())
        {
            await producer.ProduceAsync("bulk", new Message<Null, byte[]> { Value = value }); // metadata first: keeps the order
            var pending = new List<Task<DeliveryResult<Null, byte[]>>>(Records);
            for (var i = 1; i < Records; i++)
            {
                pending.Add(producer.ProduceAsync(new TopicPartition("bulk", 0), new Message<Null, byte[]> { Value = value }));
            }

            await Task.WhenAll(pending);
        }

        using var consumer = new ConsumerBuilder<Ignore, byte[]>(_node.Config(null)).Build();
        consumer.Assign(new TopicPartitionOffset("bulk", 0, Offset.Beginning));
        var clock = Stopwatch.StartNew();
        long expected = 0;
        long bytes = 0;
        while (expected < Records)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"only {expected} records within 60 s");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                Assert.Equal(expected++, result.Offset.Value);
                bytes += result.Message.Value.Length;
            }
        }

        clock.Stop();
        Assert.Equal((long)Records * value.Length, bytes);
        output.WriteLine($"Consumed {Records} records of {value.Length} bytes in {clock.Elapsed.TotalMilliseconds:0} ms: {Records / clock.Elapsed.TotalSeconds:0} records/s");
    }
}
