using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Benchmarks.Kafka;

/// <summary>
/// Kafka-protocol produce load generator (the shape of librdkafka's rdkafka_performance -P): creates
/// the topic if missing, pre-encodes one produce request per connection (one record batch per
/// partition of that connection) and sends it again and again with a fresh correlation id, keeping
/// up to --in-flight requests outstanding per connection. Latency is per request, from the write
/// of the request to the read of its response. Prints progress every second, then records/s, MB/s
/// (payload MiB/s, 2^20 bytes) and latency percentiles; the last line is machine-readable:
/// <c>records=&lt;n&gt;/s mbps=&lt;n&gt; p99ms=&lt;n&gt;</c>.
/// <code>
/// kafka-produce [--bootstrap 127.0.0.1:9092 | --spawn-node] [--topic bench] [--records 5M] [--record-size 100]
///               [--partitions 6] [--acks 1] [--batch-records 1000 | --batch-bytes 16384] [--in-flight 5]
///               [--connections 1] [--compression none|gzip] [--warmup N]
///               [--node-pid PID]   (also report the node process's CPU time, from /proc)
/// </code>
/// </summary>
internal static class KafkaProduceBenchmark
{
    /// <summary>The produce version sent (flexible, RecordBatch v2).</summary>
    private const short ProduceVersion = 9;

    /// <summary>Offset of the correlation id in a request frame: size(4) + api_key(2) + api_version(2).</summary>
    private const int CorrelationIdOffset = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchOptions(args);
        var topic = options.String("topic", "bench");
        var records = options.Long("records", 5_000_000);
        var recordSize = options.Int("record-size", 100);
        var partitionsWanted = options.Int("partitions", 6);
        var acks = (short)options.SignedInt("acks", 1);
        var inFlight = options.Int("in-flight", 5);
        var connections = options.Int("connections", 1);
        var warmup = options.Has("warmup") ? options.Long("warmup", 0) : 0;
        var compression = options.String("compression", "none") switch
        {
            "none" => CompressionCodec.None,
            "gzip" => CompressionCodec.Gzip,
            var other => throw new ArgumentException($"--compression: none or gzip, got '{other}'"),
        };
        var batchRecords = options.Has("batch-bytes")
            ? Math.Max(1, options.Int("batch-bytes", 16_384) / (recordSize + 8))
            : options.Int("batch-records", 1000);
        if (acks is not (0 or 1 or -1))
        {
            throw new ArgumentException("--acks must be 0, 1 or -1");
        }

        await using var node = options.Flag("spawn-node") ? InProcessNode.Start() : null;
        var bootstrap = node?.Bootstrap ?? options.String("bootstrap", "127.0.0.1:9092");

        int partitions;
        await using (var control = await KafkaBenchConnection.ConnectAsync(bootstrap))
        {
            partitions = await KafkaBenchTopics.EnsureAsync(control, topic, partitionsWanted);
        }

        if (connections > partitions)
        {
            throw new ArgumentException($"--connections ({connections}) cannot exceed the partitions ({partitions})");
        }

        // One pre-encoded request per connection: partition p goes to connection p % connections.
        var payload = new byte[recordSize];
        new Random(42).NextBytes(payload);
        var senders = new Sender[connections];
        var batchBytes = 0;
        for (var c = 0; c < connections; c++)
        {
            var request = new ProduceRequest { Acks = acks, TimeoutMs = 30_000 };
            var topicData = new ProduceRequest.TopicProduceData { Name = topic };
            request.TopicData.Add(topicData);
            var count = 0;
            for (var p = c; p < partitions; p += connections)
            {
                var batch = BuildBatch(payload, batchRecords, compression);
                batchBytes = batch.Length;
                topicData.PartitionData.Add(new ProduceRequest.PartitionProduceData { Index = p, Records = batch });
                count++;
            }

            using var output = new PooledBufferWriter(batchBytes * count + 1024);
            KafkaFrame.WriteRequest(output, new RequestHeader(ApiKey.Produce, ProduceVersion, 0, "actorstream-bench"), request);
            senders[c] = new Sender(await KafkaBenchConnection.ConnectAsync(bootstrap), output.ToArray(), count * batchRecords, inFlight, acks);
        }

        var recordsPerRequest = batchRecords * partitions;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kafka-produce: {bootstrap} topic={topic} partitions={partitions} records={records} record-size={recordSize} acks={acks} batch={batchRecords} records ({batchBytes} B) in-flight={inFlight} connections={connections} compression={compression.ToString().ToLowerInvariant()} request={senders[0].FrameBytes} B"));

        try
        {
            if (warmup > 0)
            {
                var warm = await RunPhaseAsync(senders, warmup, recordSize, progress: false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: {warm.Acked} records in {warm.Seconds:F2} s"));
                foreach (var s in senders)
                {
                    s.ResetStatistics();
                }
            }

            var nodeCpu = NodeCpu.Start(options.SignedInt("node-pid", 0));
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var gcsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var pauseBefore = GC.GetTotalPauseDuration();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var run = await RunPhaseAsync(senders, records, recordSize, progress: true);
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var nodeSeconds = nodeCpu?.Elapsed();

            var latency = new LatencyRecorder(16);
            long errors = 0;
            foreach (var s in senders)
            {
                latency.Merge(s.Latency);
                errors += s.Errors;
            }

            var (p50, p99, p999, max) = latency.Percentiles();
            var perSecond = run.Acked / run.Seconds;
            var mbps = run.Acked * (double)recordSize / (1 << 20) / run.Seconds;
            var wireMbps = run.Requests * (double)senders[0].FrameBytes / (1 << 20) / run.Seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"produced {run.Acked} records in {run.Seconds:F2} s ({run.Requests} requests of {recordsPerRequest / connections} records): {perSecond:F0} records/s, {mbps:F1} MB/s payload, {wireMbps:F1} MB/s on the wire"));
            if (acks != 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"request latency: p50 {p50:F2} ms, p99 {p99:F2} ms, p99.9 {p999:F2} ms, max {max:F2} ms ({latency.Count} requests)"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cpu of this process: {cpu:F2} s in {run.Seconds:F2} s ({cpu / run.Seconds:F2} cores){(node is null ? " (load generator only)" : " (load generator and node)")}"));
            var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"allocated in this process: {allocated / (double)Math.Max(1, run.Acked):F1} B per record; GCs gen0/1/2 {GC.CollectionCount(0) - gcsBefore.Item1}/{GC.CollectionCount(1) - gcsBefore.Item2}/{GC.CollectionCount(2) - gcsBefore.Item3}, pauses {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F0} ms{(node is null ? string.Empty : " (load generator and node)")}"));
            if (nodeSeconds is { } ns)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"cpu of the node: {ns:F2} s ({ns / run.Seconds:F2} cores), {ns * 1e6 / Math.Max(1, run.Acked):F3} us per record"));
            }

            if (errors > 0)
            {
                Console.WriteLine($"errors: {errors} partition responses with an error code");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"records={perSecond:F0}/s mbps={mbps:F1} p99ms={p99:F2}"));
            return errors > 0 ? 1 : 0;
        }
        finally
        {
            foreach (var s in senders)
            {
                await s.DisposeAsync();
            }
        }
    }

    /// <summary>One record batch of <paramref name="count"/> records holding <paramref name="payload"/> as value (no key).</summary>
    private static byte[] BuildBatch(byte[] payload, int count, CompressionCodec compression)
    {
        using var builder = new RecordBatchBuilder(compression);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < count; i++)
        {
            builder.Append(now, null, payload);
        }

        return builder.Build();
    }

    private static async Task<(long Acked, long Requests, double Seconds)> RunPhaseAsync(Sender[] senders, long records, int recordSize, bool progress)
    {
        var budget = new RecordBudget(records);
        var started = Stopwatch.GetTimestamp();
        var tasks = new Task[senders.Length];
        for (var i = 0; i < senders.Length; i++)
        {
            tasks[i] = senders[i].RunAsync(budget);
        }

        var all = Task.WhenAll(tasks);
        if (progress)
        {
            long last = 0;
            var lastTicks = started;
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (!all.IsCompleted && await Task.WhenAny(all, timer.WaitForNextTickAsync().AsTask()) != all)
            {
                long acked = 0;
                foreach (var s in senders)
                {
                    acked += s.Acked;
                }

                var now = Stopwatch.GetTimestamp();
                var seconds = Stopwatch.GetElapsedTime(lastTicks, now).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{Stopwatch.GetElapsedTime(started, now).TotalSeconds,5:F1}s] {(acked - last) / seconds,12:N0} records/s {(acked - last) * (double)recordSize / (1 << 20) / seconds,8:F1} MB/s  total {acked:N0}"));
                last = acked;
                lastTicks = now;
            }
        }

        await all;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        long total = 0;
        long requests = 0;
        foreach (var s in senders)
        {
            total += s.Acked;
            requests += s.Requests;
        }

        return (total, requests, elapsed);
    }

    /// <summary>Records still to send, shared by the connections (whole requests are taken).</summary>
    private sealed class RecordBudget(long records)
    {
        private long _remaining = records;

        public bool TryTake(int count) => Interlocked.Add(ref _remaining, -count) + count > 0;
    }

    /// <summary>One connection: a send loop bounded by the in-flight window and a receive loop.</summary>
    private sealed class Sender : IAsyncDisposable
    {
        private readonly KafkaBenchConnection _connection;
        private readonly byte[] _frame;
        private readonly int _records;
        private readonly int _inFlight;
        private readonly short _acks;
        private readonly long[] _sentAt;
        private readonly int _mask;
        private long _acked;
        private long _requests;

        public Sender(KafkaBenchConnection connection, byte[] frame, int records, int inFlight, short acks)
        {
            _connection = connection;
            _frame = frame;
            _records = records;
            _inFlight = inFlight;
            _acks = acks;
            var size = 1;
            while (size < inFlight * 2)
            {
                size <<= 1;
            }

            _sentAt = new long[size];
            _mask = size - 1;
        }

        public int FrameBytes => _frame.Length;

        public long Acked => Interlocked.Read(ref _acked);

        public long Requests => Interlocked.Read(ref _requests);

        public long Errors { get; private set; }

        public LatencyRecorder Latency { get; private set; } = new(1024);

        public void ResetStatistics()
        {
            Interlocked.Exchange(ref _acked, 0);
            Interlocked.Exchange(ref _requests, 0);
            Latency = new LatencyRecorder(1024);
        }

        public async Task RunAsync(RecordBudget budget)
        {
            using var window = new SemaphoreSlim(_inFlight, int.MaxValue);
            using var stop = new CancellationTokenSource();
            var receive = _acks == 0 ? Task.CompletedTask : ReceiveLoopAsync(window, stop.Token);
            try
            {
                while (budget.TryTake(_records))
                {
                    if (_acks != 0)
                    {
                        await window.WaitAsync();
                        if (receive.IsCompleted)
                        {
                            break;
                        }
                    }

                    var correlationId = _connection.NextCorrelationId();
                    BinaryPrimitives.WriteInt32BigEndian(_frame.AsSpan(CorrelationIdOffset), correlationId);
                    Volatile.Write(ref _sentAt[correlationId & _mask], Stopwatch.GetTimestamp());
                    await _connection.SendAsync(_frame);
                    Interlocked.Increment(ref _requests);
                    if (_acks == 0)
                    {
                        Interlocked.Add(ref _acked, _records);
                    }
                }

                // Wait until every outstanding request is answered, then stop the receive loop.
                for (var i = 0; i < _inFlight && _acks != 0 && !receive.IsCompleted; i++)
                {
                    await window.WaitAsync();
                }
            }
            finally
            {
                await stop.CancelAsync();
                try
                {
                    await receive;
                }
                catch (OperationCanceledException)
                {
                    // The normal end of the receive loop.
                }
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();

        private async Task ReceiveLoopAsync(SemaphoreSlim window, CancellationToken cancellationToken)
        {
            try
            {
                await ReceiveAllAsync(window, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Unblock the send loop, which then sees this loop completed and rethrows its failure.
                window.Release(_inFlight);
                throw;
            }
        }

        private async Task ReceiveAllAsync(SemaphoreSlim window, CancellationToken cancellationToken)
        {
            while (true)
            {
                var (buffer, length) = await _connection.ReceiveAsync(cancellationToken);
                var received = Stopwatch.GetTimestamp();
                try
                {
                    var correlationId = BinaryPrimitives.ReadInt32BigEndian(buffer);
                    Latency.Record(received - Volatile.Read(ref _sentAt[correlationId & _mask]));
                    var response = (ProduceResponse)KafkaFrame.ReadResponse(buffer.AsMemory(0, length), ApiKey.Produce, ProduceVersion, out _);
                    var ok = 0;
                    foreach (var t in response.Responses)
                    {
                        foreach (var p in t.PartitionResponses)
                        {
                            if (p.ErrorCode == 0)
                            {
                                ok++;
                            }
                            else if (++Errors <= 5)
                            {
                                Console.Error.WriteLine($"partition {p.Index}: error {(ErrorCode)p.ErrorCode} {p.ErrorMessage}");
                            }
                        }
                    }

                    Interlocked.Add(ref _acked, ok == 0 ? 0 : _records / Math.Max(1, CountPartitions(response)) * ok);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                window.Release();
            }
        }

        private static int CountPartitions(ProduceResponse response)
        {
            var n = 0;
            foreach (var t in response.Responses)
            {
                n += t.PartitionResponses.Count;
            }

            return n;
        }
    }
}
