using System.Buffers.Binary;
using System.Diagnostics;
using ActorStream.Client;

namespace ActorStream.Node.Commands.Bench;

/// <summary>
/// <c>bench e2e</c>: a producer paced at R records/s and a consumer in the same process. The producer writes the
/// <see cref="Stopwatch"/> timestamp of the Produce call into the first 8 bytes of each value (monotonic, and the
/// same clock as the consumer's, so no wall clock is involved); a record's latency is the consumer's receive time
/// minus that stamp. The first second at the rate is a warm-up (connections, metadata, the first fetches, JIT): its
/// records carry the negated stamp and are neither counted nor timed.
/// </summary>
internal sealed class EndToEndBench
{
    /// <summary>linger.ms unless <c>--linger-ms</c> says otherwise: a latency run sends at once.</summary>
    public const int DefaultLingerMs = 0;

    private static readonly TimeSpan s_pollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_idleLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The consumer's fetch.max.wait.ms. A fetch should be answered as soon as a record arrives (fetch.min.bytes=1),
    /// but with the default of 500 ms some records waited out the whole interval (p99 240-270 ms at 100,000
    /// records/s against 18-57 ms with 10 ms, same session); 0 polls without pause and starves the node of CPU.
    /// </summary>
    public const int FetchMaxWaitMs = 10;

    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(1);

    private readonly LatencyHistogram _latency = new();
    private long _measuredStart;
    private long _received;
    private long _failed;
    private KafkaError? _firstError;

    /// <summary>Records received so far.</summary>
    public long Received => Volatile.Read(ref _received);

    /// <summary>Runs producer and consumer and returns the figures.</summary>
    /// <param name="settings">The run (RecordSize at least 8).</param>
    /// <param name="bootstrap">The node.</param>
    /// <param name="nodeName">How the node is named in the result.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<BenchResult> RunAsync(BenchSettings settings, string bootstrap, string nodeName, CancellationToken cancellationToken)
    {
        var partitions = await BenchTopic.EnsureAsync(bootstrap, settings.Topic, settings.Partitions, cancellationToken).ConfigureAwait(false);
        var records = settings.Records ?? Math.Max(1, (long)(settings.Rate * settings.Duration.TotalSeconds));
        var consumerConfig = BenchSettings.ConsumerConfig(bootstrap);
        consumerConfig["fetch.max.wait.ms"] = CommonOptions.Format(FetchMaxWaitMs);
        using var consumer = new ConsumerBuilder<Ignore, long>(consumerConfig)
            .SetValueDeserializer(new Stamp())
            .Build();
        var watermarks = BenchTopic.Watermarks(consumer, settings.Topic, partitions);
        var assignment = new List<TopicPartitionOffset>(partitions);
        for (var p = 0; p < partitions; p++)
        {
            assignment.Add(new TopicPartitionOffset(settings.Topic, p, watermarks[p].High));
        }

        consumer.Assign(assignment);
        using var producer = new ProducerBuilder<byte[], byte[]>(settings.ProducerConfig(bootstrap, DefaultLingerMs)).Build();
        var bench = new EndToEndBench();
        var messages = BenchPayloads.Create(settings.RecordSize);
        var warmUp = Math.Max(1, (long)(settings.Rate * s_warmUp.TotalSeconds));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consuming = Task.Run(() => bench.Consume(consumer, records, stop.Token), CancellationToken.None);
        var producing = Task.Run(() => bench.Produce(producer, settings.Topic, messages, warmUp, records, settings.Rate, stop.Token), CancellationToken.None);
        long last;
        try
        {
            last = await BenchProgress.ShowAsync(settings.Quiet, "received", settings.RecordSize, () => bench.Received, consuming).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producing.ConfigureAwait(false);
        }

        consumer.Close();
        if (bench._firstError is { } error)
        {
            await Console.Error.WriteLineAsync($"error: {bench._failed} records failed, the first with {CommandRunner.Describe(error)}").ConfigureAwait(false);
        }

        var received = bench.Received;
        return new BenchResult("e2e", settings, nodeName, partitions, received, received * settings.RecordSize, bench.MeasuredTime(last),
            bench._latency, "producer stamp to consumer receive", bench._failed + (records - received));
    }

    /// <summary>From the first measured record's stamp to <paramref name="last"/>.</summary>
    private TimeSpan MeasuredTime(long last)
    {
        var start = Volatile.Read(ref _measuredStart);
        return start == 0 || start > last ? TimeSpan.Zero : Stopwatch.GetElapsedTime(start, last);
    }

    private void Produce(IProducer<byte[], byte[]> producer, string topic, Message<byte[], byte[]>[] messages, long warmUp, long records, int rate, CancellationToken cancellationToken)
    {
        records += warmUp;
        Action<DeliveryReport<byte[], byte[]>> onDelivery = OnDelivery;
        var ticksPerRecord = (double)Stopwatch.Frequency / rate;
        using var pause = new ManualResetEventSlim(false);
        var started = Stopwatch.GetTimestamp();
        long sent = 0;
        while (sent < records && !cancellationToken.IsCancellationRequested)
        {
            var due = Math.Min(records, (long)((Stopwatch.GetTimestamp() - started) / ticksPerRecord) + 1);
            for (; sent < due; sent++)
            {
                var message = messages[sent & (BenchPayloads.Count - 1)];
                var now = Stopwatch.GetTimestamp();
                if (sent == warmUp)
                {
                    Volatile.Write(ref _measuredStart, now);
                }

                BinaryPrimitives.WriteInt64LittleEndian(message.Value, sent < warmUp ? -now : now);
                producer.Produce(topic, message, onDelivery);
            }

            if (sent < records)
            {
                // Pace in steps of about a millisecond: the stamp is taken at the Produce call, so the step adds no latency.
                pause.Wait(TimeSpan.FromMilliseconds(1), CancellationToken.None);
            }
        }

        producer.Flush(TimeSpan.FromSeconds(30));
    }

    private long Consume(IConsumer<Ignore, long> consumer, long records, CancellationToken cancellationToken)
    {
        var last = Stopwatch.GetTimestamp();
        long received = 0;
        while (received < records && !cancellationToken.IsCancellationRequested)
        {
            var result = consumer.Consume(s_pollTimeout);
            var now = Stopwatch.GetTimestamp();
            if (result is null || result.IsPartitionEOF)
            {
                if (Stopwatch.GetElapsedTime(last, now) > s_idleLimit || Volatile.Read(ref _failed) > 0)
                {
                    break;
                }

                continue;
            }

            last = now;
            if (result.Message.Value < 0)
            {
                continue;
            }

            _latency.RecordTicks(now - result.Message.Value);
            received++;
            if ((received & 255) == 0)
            {
                Volatile.Write(ref _received, received);
            }
        }

        Volatile.Write(ref _received, received);
        return last;
    }

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            _firstError ??= report.Error;
            Volatile.Write(ref _failed, _failed + 1);
        }
    }

    /// <summary>Reads the producer's stamp from the first 8 bytes of a value.</summary>
    private sealed class Stamp : IDeserializer<long>
    {
        public long Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
            data.Length >= sizeof(long) ? BinaryPrimitives.ReadInt64LittleEndian(data) : Stopwatch.GetTimestamp();
    }
}
