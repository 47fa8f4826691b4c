using System.Text;
using ActorStream.Client.Producing;
using ActorStream.Client.Tests.Support;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Client.Tests;

[Trait("Category", "Integration")]
public sealed class ProducerTests : IAsyncLifetime
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
        var config = new ProducerConfig { BootstrapServers = _node.BootstrapServers, LingerMs = 1 };
        configure?.Invoke(config);
        return config;
    }

    [Fact]
    public async Task ProduceAsync_OnePartition_ReturnsConsecutiveOffsetsInOrder()
    {
        await _raw.CreateTopicAsync("orders", 1);
        using var producer = new ProducerBuilder<string, string>(Config()).Build();

        var results = new List<DeliveryResult<string, string>>();
        for (var i = 0; i < 20; i++)
        {
            results.Add(await producer.ProduceAsync("orders", new Message<string, string> { Key = "k", Value = "v" + i }));
        }

        for (var i = 0; i < results.Count; i++)
        {
            Assert.Equal("orders", results[i].Topic);
            Assert.Equal(0, results[i].Partition.Value);
            Assert.Equal(i, results[i].Offset.Value);
            Assert.Equal(PersistenceStatus.Persisted, results[i].Status);
        }

        var log = await _raw.ReadAllAsync("orders", 0);
        Assert.Equal(20, log.Records.Count);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i, log.Records[i].Offset);
            Assert.Equal("v" + i, log.Records[i].ValueString);
            Assert.Equal("k", log.Records[i].KeyString);
        }
    }

    [Fact]
    public async Task ProduceAsync_ManyConcurrent_KeepsProduceOrderPerPartition()
    {
        await _raw.CreateTopicAsync("burst", 1);
        using var producer = new ProducerBuilder<Null, string>(Config(c => c.BatchSize = 512)).Build();

        var tasks = new Task<DeliveryResult<Null, string>>[500];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = producer.ProduceAsync("burst", new Message<Null, string> { Value = i.ToString("D5") });
        }

        var results = await Task.WhenAll(tasks);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i, results[i].Offset.Value);
        }

        var log = await _raw.ReadAllAsync("burst", 0);
        Assert.Equal(500, log.Records.Count);
        Assert.True(log.Batches.Count > 1, "a 512-byte batch.size splits 500 records into several batches");
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(i.ToString("D5"), log.Records[i].ValueString);
        }
    }

    [Fact]
    public async Task ProduceAsync_Keys_LandOnTheJavaClientsPartition()
    {
        await _raw.CreateTopicAsync("keyed", 6);
        using var producer = new ProducerBuilder<string, string>(Config()).Build();

        var keys = new[] { "21", "abc", "kafka", "foobar", "0", "1", "customer-42", "" };
        foreach (var key in keys)
        {
            var result = await producer.ProduceAsync("keyed", new Message<string, string> { Key = key, Value = "value-of-" + key });
            Assert.Equal(DefaultPartitioner.PartitionForKey(Encoding.UTF8.GetBytes(key), 6), result.Partition.Value);
        }

        for (var partition = 0; partition < 6; partition++)
        {
            var log = await _raw.ReadAllAsync("keyed", partition);
            foreach (var record in log.Records)
            {
                Assert.Equal(partition, DefaultPartitioner.PartitionForKey(record.Key!, 6));
                Assert.Equal("value-of-" + record.KeyString, record.ValueString);
            }
        }

        Assert.Equal(3, DefaultPartitioner.PartitionForKey("abc"u8, 6)); // the reference's derived vector
    }

    [Fact]
    public async Task ProduceAsync_Headers_RoundTripThroughTheLog()
    {
        await _raw.CreateTopicAsync("headers", 1);
        using var producer = new ProducerBuilder<Null, byte[]>(Config()).Build();
        var headers = new Headers { { "trace-id", "abc-123"u8.ToArray() }, { "empty", [] }, { "nothing", null } };
        headers.Add("trace-id", "second"u8.ToArray());

        var result = await producer.ProduceAsync("headers", new Message<Null, byte[]> { Value = [1, 2, 3], Headers = headers });

        var record = Assert.Single((await _raw.ReadAllAsync("headers", 0)).Records);
        Assert.Equal(result.Offset.Value, record.Offset);
        Assert.Null(record.Key);
        Assert.Equal(new byte[] { 1, 2, 3 }, record.Value);
        Assert.Equal(4, record.Headers.Count);
        Assert.Equal(("trace-id", "abc-123"), (record.Headers[0].Key, Encoding.UTF8.GetString(record.Headers[0].Value!)));
        Assert.Equal("empty", record.Headers[1].Key);
        Assert.Equal([], record.Headers[1].Value!);
        Assert.Equal("nothing", record.Headers[2].Key);
        Assert.Null(record.Headers[2].Value);
        Assert.Equal("second", Encoding.UTF8.GetString(record.Headers[3].Value!));
    }

    [Fact]
    public async Task ProduceAsync_Gzip_StoresGzipBatchesThatDecodeToTheRecords()
    {
        await _raw.CreateTopicAsync("zipped", 1);
        using var producer = new ProducerBuilder<Null, string>(Config(c => c.CompressionType = CompressionType.Gzip)).Build();

        var tasks = new List<Task<DeliveryResult<Null, string>>>();
        for (var i = 0; i < 50; i++)
        {
            tasks.Add(producer.ProduceAsync("zipped", new Message<Null, string> { Value = new string('x', 100) + i }));
        }

        await Task.WhenAll(tasks);
        var log = await _raw.ReadAllAsync("zipped", 0);
        Assert.All(log.Batches, b => Assert.Equal(CompressionCodec.Gzip, b.Compression));
        Assert.Equal(50, log.Records.Count);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(new string('x', 100) + i, log.Records[i].ValueString);
        }

        Assert.True(log.Batches.Sum(b => b.SizeInBytes) < 50 * 100, "gzip shrinks repetitive values");
    }

    [Fact]
    public async Task ProduceAsync_Idempotent_WritesProducerIdAndSequencesIntoBatches()
    {
        await _raw.CreateTopicAsync("idem", 1);
        using var producer = new ProducerBuilder<Null, string>(Config(c => c.BatchSize = 200)).Build();

        var tasks = new List<Task<DeliveryResult<Null, string>>>();
        for (var i = 0; i < 40; i++)
        {
            tasks.Add(producer.ProduceAsync("idem", new Message<Null, string> { Value = "record-" + i }));
        }

        await Task.WhenAll(tasks);
        var log = await _raw.ReadAllAsync("idem", 0);
        Assert.True(log.Batches.Count > 1);
        var expectedSequence = 0;
        foreach (var batch in log.Batches)
        {
            Assert.True(batch.ProducerId >= 0);
            Assert.Equal(log.Batches[0].ProducerId, batch.ProducerId);
            Assert.Equal(expectedSequence, batch.BaseSequence);
            expectedSequence += batch.RecordCount;
        }
    }
}
