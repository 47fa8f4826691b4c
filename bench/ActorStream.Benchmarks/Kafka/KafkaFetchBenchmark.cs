using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Benchmarks.Kafka;

/// <summary>
/// Kafka-protocol fetch load generator: reads every partition of a topic from offset 0 with Fetch
/// v12 (one fetch in flight per connection, as a consumer keeps one per broker) until --records
/// records were read. Every batch's header and CRC-32C are validated and its records counted.
/// Prints progress every second, then records/s, MB/s (batch bytes received, MiB/s) and fetch
/// request latency percentiles; the last line is machine-readable:
/// <c>records=&lt;n&gt;/s mbps=&lt;n&gt; p99ms=&lt;n&gt;</c>.
/// <code>
/// kafka-fetch [--bootstrap 127.0.0.1:9092] [--topic bench] [--records 5M] [--fetch-max-bytes 52428800]
///             [--partition-max-bytes 1048576] [--max-wait-ms 500] [--connections 1] [--idle-seconds 10]
///             [--node-pid PID]   (also report the node process's CPU time, from /proc)
///             [--spawn-node [--partitions 6] [--record-size 100]]   (in-process node, produced first)
/// </code>
/// </summary>
internal static class KafkaFetchBenchmark
{
    private const short FetchVersion = 12;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchOptions(args);
        var topic = options.String("topic", "bench");
        var records = options.Long("records", 5_000_000);
        var fetchMaxBytes = options.Int("fetch-max-bytes", 52_428_800);
        var partitionMaxBytes = options.Int("partition-max-bytes", 1_048_576);
        var maxWaitMs = options.Int("max-wait-ms", 500);
        var connections = options.Int("connections", 1);
        var idle = TimeSpan.FromSeconds(options.Int("idle-seconds", 10));
        await using var node = options.Flag("spawn-node") ? InProcessNode.Start() : null;
        var bootstrap = node?.Bootstrap ?? options.String("bootstrap", "127.0.0.1:9092");
        if (node is not null)
        {
            // A fresh node has nothing to read: produce the records first (acks=1, 6 partitions unless told).
            var produced = await KafkaProduceBenchmark.RunAsync(
                ["--bootstrap", bootstrap, "--topic", topic, "--records", records.ToString(CultureInfo.InvariantCulture),
                 "--partitions", options.Int("partitions", 6).ToString(CultureInfo.InvariantCulture),
                 "--record-size", options.Int("record-size", 100).ToString(CultureInfo.InvariantCulture)]);
            if (produced != 0)
            {
                return produced;
            }
        }

        int partitions;
        await using (var control = await KafkaBenchConnection.ConnectAsync(bootstrap))
        {
            partitions = await KafkaBenchTopics.PartitionCountAsync(control, topic);
        }

        connections = Math.Min(connections, partitions);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kafka-fetch: {bootstrap} topic={topic} partitions={partitions} records={records} fetch-max-bytes={fetchMaxBytes} partition-max-bytes={partitionMaxBytes} connections={connections}"));

        var shared = new Shared(records);
        var fetchers = new Fetcher[connections];
        for (var c = 0; c < connections; c++)
        {
            var assigned = new List<int>();
            for (var p = c; p < partitions; p += connections)
            {
                assigned.Add(p);
            }

            fetchers[c] = new Fetcher(await KafkaBenchConnection.ConnectAsync(bootstrap), topic, assigned, fetchMaxBytes, partitionMaxBytes, maxWaitMs, idle, shared);
        }

        try
        {
            var nodeCpu = NodeCpu.Start(options.SignedInt("node-pid", 0));
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var tasks = new Task[connections];
            for (var c = 0; c < connections; c++)
            {
                tasks[c] = fetchers[c].RunAsync();
            }

            var all = Task.WhenAll(tasks);
            long last = 0;
            var lastTicks = started;
            using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1)))
            {
                while (!all.IsCompleted && await Task.WhenAny(all, timer.WaitForNextTickAsync().AsTask()) != all)
                {
                    var read = shared.Records;
                    var now = Stopwatch.GetTimestamp();
                    var seconds = Stopwatch.GetElapsedTime(lastTicks, now).TotalSeconds;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{Stopwatch.GetElapsedTime(started, now).TotalSeconds,5:F1}s] {(read - last) / seconds,12:N0} records/s  total {read:N0}"));
                    last = read;
                    lastTicks = now;
                }
            }

            await all;
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var nodeSeconds = nodeCpu?.Elapsed();
            var latency = new LatencyRecorder(16);
            long requests = 0;
            long errors = 0;
            foreach (var f in fetchers)
            {
                latency.Merge(f.Latency);
                requests += f.Requests;
                errors += f.Errors;
            }

            var total = shared.Records;
            var (p50, p99, p999, max) = latency.Percentiles();
            var perSecond = total / elapsed;
            var mbps = shared.Bytes / (double)(1 << 20) / elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fetched {total} records ({shared.Batches} batches, {shared.Bytes} B, CRCs checked) in {elapsed:F2} s with {requests} fetch requests: {perSecond:F0} records/s, {mbps:F1} MB/s of batches"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fetch latency: p50 {p50:F2} ms, p99 {p99:F2} ms, p99.9 {p999:F2} ms, max {max:F2} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cpu of this process: {cpu:F2} s in {elapsed:F2} s ({cpu / elapsed:F2} cores)"));
            if (nodeSeconds is { } ns)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"cpu of the node: {ns:F2} s ({ns / elapsed:F2} cores), {ns * 1e6 / Math.Max(1, total):F3} us per record"));
            }

            if (errors > 0 || total < records)
            {
                Console.WriteLine($"errors: {errors}; read {total} of {records} records");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"records={perSecond:F0}/s mbps={mbps:F1} p99ms={p99:F2}"));
            return errors > 0 || total < records ? 1 : 0;
        }
        finally
        {
            foreach (var f in fetchers)
            {
                await f.DisposeAsync();
            }
        }
    }

    /// <summary>Totals shared by the connections.</summary>
    private sealed class Shared(long target)
    {
        private long _records;
        private long _batches;
        private long _bytes;

        public long Target => target;

        public long Records => Interlocked.Read(ref _records);

        public long Batches => Interlocked.Read(ref _batches);

        public long Bytes => Interlocked.Read(ref _bytes);

        public bool Done => Records >= target;

        public void Add(long records, long batches, long bytes)
        {
            Interlocked.Add(ref _records, records);
            Interlocked.Add(ref _batches, batches);
            Interlocked.Add(ref _bytes, bytes);
        }
    }

    /// <summary>One connection fetching its partitions in a loop, one request in flight.</summary>
    private sealed class Fetcher : IAsyncDisposable
    {
        private readonly KafkaBenchConnection _connection;
        private readonly FetchRequest _request;
        private readonly List<FetchRequest.FetchPartition> _partitions;
        private readonly Dictionary<int, FetchRequest.FetchPartition> _byIndex = [];
        private readonly TimeSpan _idle;
        private readonly Shared _shared;
        private readonly string _topic;

        public Fetcher(KafkaBenchConnection connection, string topic, List<int> partitions, int fetchMaxBytes, int partitionMaxBytes, int maxWaitMs, TimeSpan idle, Shared shared)
        {
            _connection = connection;
            _topic = topic;
            _idle = idle;
            _shared = shared;
            _partitions = [];
            foreach (var p in partitions)
            {
                var fetchPartition = new FetchRequest.FetchPartition { Partition = p, FetchOffset = 0, PartitionMaxBytes = partitionMaxBytes, LogStartOffset = -1 };
                _partitions.Add(fetchPartition);
                _byIndex[p] = fetchPartition;
            }

            _request = new FetchRequest
            {
                ReplicaId = -1,
                MaxWaitMs = maxWaitMs,
                MinBytes = 1,
                MaxBytes = fetchMaxBytes,
                IsolationLevel = 0,
                SessionId = 0,
                SessionEpoch = -1,
                Topics = [new FetchRequest.FetchTopic { Topic = topic, Partitions = _partitions }],
            };
        }

        public LatencyRecorder Latency { get; } = new(4096);

        public long Requests { get; private set; }

        public long Errors { get; private set; }

        public async Task RunAsync()
        {
            using var output = new PooledBufferWriter(4096);
            var lastProgress = Stopwatch.GetTimestamp();
            while (!_shared.Done)
            {
                output.Clear();
                var correlationId = _connection.NextCorrelationId();
                KafkaFrame.WriteRequest(output, new RequestHeader(ApiKey.Fetch, FetchVersion, correlationId, "actorstream-bench"), _request);
                var sent = Stopwatch.GetTimestamp();
                await _connection.SendAsync(output.WrittenMemory);
                var (buffer, length) = await _connection.ReceiveAsync();
                var received = Stopwatch.GetTimestamp();
                Latency.Record(received - sent);
                Requests++;
                try
                {
                    var response = (FetchResponse)KafkaFrame.ReadResponse(buffer.AsMemory(0, length), ApiKey.Fetch, FetchVersion, out var header);
                    if (header.CorrelationId != correlationId)
                    {
                        throw new InvalidDataException($"Expected correlation id {correlationId}, got {header.CorrelationId}");
                    }

                    if (Consume(response) > 0)
                    {
                        lastProgress = received;
                    }
                    else if (Stopwatch.GetElapsedTime(lastProgress, received) > _idle)
                    {
                        Console.Error.WriteLine($"no new records for {_idle.TotalSeconds:F0} s; stopping");
                        Errors++;
                        return;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();

        /// <summary>Validates and counts the batches of one response; advances the fetch offsets. Returns the records read.</summary>
        private long Consume(FetchResponse response)
        {
            if (response.ErrorCode != 0)
            {
                ReportError($"fetch error {(ErrorCode)response.ErrorCode}");
                return 0;
            }

            long records = 0;
            long batches = 0;
            long bytes = 0;
            foreach (var topic in response.Responses)
            {
                if (topic.Topic != _topic)
                {
                    continue;
                }

                foreach (var partition in topic.Partitions)
                {
                    if (partition.ErrorCode != 0)
                    {
                        ReportError($"partition {partition.PartitionIndex}: error {(ErrorCode)partition.ErrorCode}");
                        continue;
                    }

                    if (!_byIndex.TryGetValue(partition.PartitionIndex, out var state) || partition.Records is not { } data)
                    {
                        continue;
                    }

                    var rest = data;
                    while (RecordBatch.TryReadNext(ref rest, out var batch) == RecordBatchReadResult.Batch)
                    {
                        var error = batch.Validate();
                        if (error != RecordBatchError.None)
                        {
                            ReportError($"partition {partition.PartitionIndex} offset {batch.BaseOffset}: invalid batch ({error})");
                            break;
                        }

                        var from = Math.Max(batch.BaseOffset, state.FetchOffset);
                        if (batch.LastOffset >= from)
                        {
                            records += batch.BaseOffset >= state.FetchOffset ? batch.RecordCount : batch.LastOffset - from + 1;
                            state.FetchOffset = batch.LastOffset + 1;
                        }

                        batches++;
                        bytes += batch.SizeInBytes;
                    }
                }
            }

            _shared.Add(records, batches, bytes);
            return records;
        }

        private void ReportError(string message)
        {
            if (++Errors <= 5)
            {
                Console.Error.WriteLine(message);
            }
        }
    }
}
