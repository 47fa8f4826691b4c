using System.Diagnostics;
using ActorStream.Client;
using ActorStream.Client.Admin;
using ActorStream.Hosting.Tests.Support;
using Xunit.Abstractions;

namespace ActorStream.Hosting.Tests;

/// <summary>
/// One figure: records/s of a producer (100-byte records, acks=1, 6 partitions) into an embedded
/// node on SQLite, through the in-process transport and over loopback TCP to the same node. The
/// machine is shared, so the figures are indicative; the assertions check that every record arrived once.
/// </summary>
[Trait("Category", "Perf")]
public sealed class InProcessThroughputTests(ITestOutputHelper output)
{
    private const int Records = 100_000;

    [Fact]
    public async Task Produce_InProcessAndLoopback_AllDeliveredOnce()
    {
        using var dir = new TempDirectory();
        await using var node = await ActorStreamNode.StartAsync(new ActorStreamNodeOptions
        {
            DataDirectory = dir.Path,
            EnableKafkaListener = true,
            KafkaListenerAddress = "127.0.0.1:0",
        });
        using (var admin = node.CreateAdminClient())
        {
            await admin.CreateTopicsAsync([
                new TopicSpecification { Name = "in-process", NumPartitions = 6, ReplicationFactor = 1 },
                new TopicSpecification { Name = "loopback", NumPartitions = 6, ReplicationFactor = 1 },
            ]);
        }

        // A first round of each warms up the JIT and the node's partitions; the second is the figure.
        double inProcess = 0;
        double loopback = 0;
        for (var round = 0; round < 2; round++)
        {
            inProcess = await MeasureAsync(new ProducerBuilder<Null, byte[]>(Config(null)).UseInProcess(node.Broker).Build(), "in-process");
            loopback = await MeasureAsync(new ProducerBuilder<Null, byte[]>(Config(node.BootstrapServers)).Build(), "loopback");
        }

        output.WriteLine($"{Records} x 100 B, acks=1, 6 partitions: in-process {inProcess:N0} records/s, loopback TCP {loopback:N0} records/s ({inProcess / loopback:N2}x)");
        Assert.True(inProcess > 0 && loopback > 0);
    }

    private static ProducerConfig Config(string? bootstrap) => new()
    {
        BootstrapServers = bootstrap,
        Acks = Acks.Leader,
        LingerMs = 5,
    };

    private async Task<double> MeasureAsync(IProducer<Null, byte[]> producer, string topic)
    {
        using (producer)
        {
            var message = new Message<Null, byte[]> { Value = new byte[100] };
            await producer.ProduceAsync(topic, message); // metadata, connections
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
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Records; i++)
            {
                producer.Produce(topic, message, handler);
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromMinutes(2)));
            watch.Stop();
            Assert.Equal(0, Interlocked.Read(ref failed));
            Assert.Equal(Records, Interlocked.Read(ref delivered));
            var rate = Records / watch.Elapsed.TotalSeconds;
            output.WriteLine($"{topic}: {Records} records in {watch.ElapsedMilliseconds} ms = {rate:N0} records/s");
            return rate;
        }
    }
}
