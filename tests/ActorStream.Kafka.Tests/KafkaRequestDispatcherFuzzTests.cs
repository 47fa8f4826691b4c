using System.Diagnostics;
using System.Text;
using ActorStream.Broker.Topics;
using ActorStream.Configuration;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Tests.Fuzz;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorStream.Kafka.Tests;

/// <summary>
/// Fuzzes a whole node (listener, dispatcher, every handler, the actors behind them) with seeded random and
/// mutated requests of every advertised API and version, over many connections at once, while a well-behaved
/// client keeps producing and fetching on its own connection.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed partial class KafkaRequestDispatcherFuzzTests(ITestOutputHelper output) : BrokerNodeTestBase
{
    private const int Seed = 20_260_322;
    private const int TargetFrames = 100_000;
    private const int Workers = 6;
    private const string SentinelTopic = "sentinel";

    private readonly LogCapture _logs = new();

    protected override BrokerSettings Settings { get; } = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""
        actorstream.broker {
          "group.initial.rebalance.delay.ms" = 0
          # Joins park until the group's other members rejoin, at most for their rebalance timeout (v0: the
          # session timeout): short timeouts keep members of closed fuzz connections from holding joins long.
          "group.min.session.timeout.ms" = 100
          "group.max.session.timeout.ms" = 2000
        }
        """));

    protected override ILoggerFactory LoggerFactory => _logs;

    protected override KafkaListenerSettings ListenerSettings => KafkaListenerSettings.Default with
    {
        SocketRequestMaxBytes = 1 << 20,
        CloseLingerTimeout = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>
    /// At least 100,000 frames (sampled requests of every advertised API and version, one in five mutated on
    /// seven connections in ten:
    /// truncated, bit flips, huge counts, bad varints, header flips, garbage, wrong size prefixes, Produce with
    /// corrupt batches) from <see cref="Workers"/> seeded workers. Asserts: the node stays up and afterwards answers
    /// Metadata, Produce and Fetch with the right data; the sentinel connection is served correctly throughout;
    /// well-formed connections (using APIs with a handler) are served to the end, so only offending connections
    /// close; every response decodes and comes in request order; decodable Produce requests with corrupt batches
    /// get CORRUPT_MESSAGE or INVALID_RECORD and nothing corrupt is ever stored (every stored batch is audited);
    /// no handler fails and nothing is logged at Error; the managed heap grows by less than 256 MB.
    /// </summary>
    [Fact]
    public async Task HandleAsync_100kRandomAndMutatedFrames_OnlyOffendersClosedAndNothingCorruptStored()
    {
        using var admin = await KafkaTestConnection.OpenAsync(Listener.EndPoint, "admin");
        await CreateTopicAsync(admin, SentinelTopic, 1);
        await CreateTopicAsync(admin, CorruptTopic, 1);
        foreach (var topic in RequestSampler.Topics)
        {
            await CreateTopicAsync(admin, topic, 4);
        }

        var handled = new HashSet<ApiKey> { ApiKey.ApiVersions };
        foreach (var handler in KafkaHandlers.All(Broker))
        {
            handled.Add(handler.ApiKey);
        }

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;
        var started = Stopwatch.StartNew();
        var totals = new FuzzTotals();
        using var stop = new CancellationTokenSource();
        var sentinel = Task.Run(() => RunSentinelAsync(totals, stop.Token));
        var corrupt = Task.Run(() => RunCorruptBatchesAsync(Seed - 1, totals));
        var workers = new Task[Workers];
        for (var w = 0; w < Workers; w++)
        {
            var seed = Seed + w;
            workers[w] = Task.Run(() => RunWorkerAsync(seed, totals, handled));
        }

        try
        {
            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the fuzz did not finish: {totals}; {Listener.GetMetrics()}\n{_logs.Summary()}\n{string.Join("\n", _logs.Errors)}\n{string.Join("\n", totals.Failures)}");
        }

        var stored = await corrupt.WaitAsync(TimeSpan.FromMinutes(1));
        await stop.CancelAsync();
        var sentinelRounds = await sentinel.WaitAsync(TimeSpan.FromMinutes(1));
        var fuzzTime = started.Elapsed;
        output.WriteLine($"{totals}");
        output.WriteLine($"fuzz {fuzzTime.TotalSeconds:F1} s; sentinel rounds {sentinelRounds}; {stored.Count} valid records among the corrupt batches");

        // The node still serves: Metadata, Produce and Fetch on the connection opened before the fuzz.
        var metadata = await MetadataAsync(12, SentinelTopic, "after-fuzz");
        Assert.All(metadata.Topics, t => Assert.Equal((short)ErrorCode.None, t.ErrorCode));
        Assert.Equal(NodeId, Assert.Single(metadata.Brokers).NodeId);
        var after = Batch("after", 3);
        var produced = await ProduceAsync("after-fuzz", 0, after);
        Assert.Equal((short)ErrorCode.None, produced!.ErrorCode);
        var fetched = Assert.Single(Batches((await FetchAsync("after-fuzz", 0, produced.BaseOffset)).Records));
        Assert.Equal(after.AsSpan(8).ToArray(), fetched.Memory.Span[8..].ToArray());

        // Nothing corrupt was stored: the corrupt-batch topic holds exactly the valid records, and every batch anywhere passes.
        var log = new List<string>();
        foreach (var batch in Batches((await FetchAsync(CorruptTopic, 0, 0)).Records))
        {
            foreach (var record in batch.GetRecords())
            {
                log.Add(Encoding.ASCII.GetString(record.Value));
            }
        }

        if (!stored.SequenceEqual(log))
        {
            totals.Fail($"{CorruptTopic} holds {log.Count} records, not exactly the {stored.Count} valid ones");
        }

        var (topics, batches) = await AuditStoredBatchesAsync(admin);

        await Eventually.UntilAsync(() => Task.FromResult(Listener.ActiveConnections), n => n == 2, TimeSpan.FromSeconds(10), "only the spec's own connections open");
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        var metrics = Listener.GetMetrics();
        output.WriteLine($"audited {batches} batches in {topics} topics; heap {memoryBefore / 1e6:F1} MB -> {memoryAfter / 1e6:F1} MB; working set {workingSetBefore / 1e6:F0} MB -> {Environment.WorkingSet / 1e6:F0} MB; {metrics}");
        output.WriteLine(_logs.Summary());
        foreach (var error in _logs.Errors)
        {
            output.WriteLine(error);
        }

        Assert.True(totals.Failures.Count == 0, string.Join("\n", totals.Failures));
        Assert.True(totals.Frames >= TargetFrames, $"{totals.Frames} frames");
        Assert.True(totals.Get("connections ProbeAnswered") > 1000 && totals.Get("connections ClosedByNode") > 1000, "the generator must produce both served and closed connections");
        Assert.True(sentinelRounds > 20, $"only {sentinelRounds} sentinel rounds");
        foreach (var apiKey in handled)
        {
            Assert.True(totals.Get("served " + apiKey) > 0, $"no well-formed {apiKey} request was answered");
        }

        Assert.Equal(0, metrics.HandlerFailures);
        Assert.True(_logs.Errors.Count == 0, string.Join("\n", _logs.Errors));
        Assert.InRange(memoryAfter - memoryBefore, long.MinValue, 256L * 1024 * 1024);
    }

    /// <summary>
    /// Produce, Fetch and Metadata on one connection, a round per 250 fuzz frames, until <paramref name="cancellationToken"/>;
    /// every answer is checked. Returns the rounds.
    /// </summary>
    private async Task<int> RunSentinelAsync(FuzzTotals totals, CancellationToken cancellationToken)
    {
        using var connection = await KafkaTestConnection.OpenAsync(Listener.EndPoint, "sentinel");
        var rounds = 0;
        long next = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (totals.Frames < rounds * 250L && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(5, CancellationToken.None);
            }

            var batch = Batch("sentinel-" + rounds, 3);
            var produce = new ProduceRequest { Acks = -1, TimeoutMs = 5000 };
            produce.TopicData.Add(new ProduceRequest.TopicProduceData
            {
                Name = SentinelTopic,
                PartitionData = [new ProduceRequest.PartitionProduceData { Index = 0, Records = batch }],
            });
            var appended = Assert.Single(Assert.Single((await connection.RequestAsync<ProduceResponse>(ApiKey.Produce, 9, produce)).Responses).PartitionResponses);
            Assert.True(appended.ErrorCode == (short)ErrorCode.None, $"sentinel produce {rounds}: {(ErrorCode)appended.ErrorCode}");
            Assert.Equal(next, appended.BaseOffset);

            var fetch = new FetchRequest { MaxWaitMs = 0, MinBytes = 0, MaxBytes = 1 << 20 };
            fetch.Topics.Add(new FetchRequest.FetchTopic
            {
                Topic = SentinelTopic,
                Partitions = [new FetchRequest.FetchPartition { Partition = 0, FetchOffset = next, PartitionMaxBytes = 1 << 20 }],
            });
            var data = Assert.Single(Assert.Single((await connection.RequestAsync<FetchResponse>(ApiKey.Fetch, 12, fetch)).Responses).Partitions);
            var served = Assert.Single(Batches(data.Records));
            Assert.Equal(next, served.BaseOffset);
            Assert.Equal(batch.AsSpan(8).ToArray(), served.Memory.Span[8..].ToArray());
            next += 3;

            var metadata = await connection.RequestAsync<MetadataResponse>(ApiKey.Metadata, 12, new MetadataRequest { Topics = [new MetadataRequest.MetadataRequestTopic { Name = SentinelTopic }] });
            Assert.Single(Assert.Single(metadata.Topics).Partitions);
            rounds++;
        }

        return rounds;
    }

    private static async Task CreateTopicAsync(KafkaTestConnection connection, string name, int partitions)
    {
        var request = new CreateTopicsRequest { timeoutMs = 5000 };
        request.Topics.Add(new CreateTopicsRequest.CreatableTopic { Name = name, NumPartitions = partitions, ReplicationFactor = -1 });
        var response = await connection.RequestAsync<CreateTopicsResponse>(ApiKey.CreateTopics, 7, request);
        Assert.Equal((short)ErrorCode.None, Assert.Single(response.Topics).ErrorCode);
    }
}
