using System.Diagnostics;
using ActorStream.Client;

namespace ActorStream.Node.Commands.Bench;

/// <summary>
/// <c>bench produce</c>: one producer writes N records round-robin over the partitions with Produce and a delivery
/// handler (no per-record await). A record's latency runs from its Produce call to its delivery report: the send
/// time sits in a per-partition ring, and since a partition's reports arrive in the order of its records, the k-th
/// report of partition p belongs to the k-th record sent to p. Nothing is allocated per record by the benchmark.
/// </summary>
internal sealed class ProduceBench
{
    /// <summary>linger.ms unless <c>--linger-ms</c> says otherwise.</summary>
    public const int DefaultLingerMs = 5;

    private const int MaxRingBits = 18;

    private readonly int _partitions;
    private readonly long _records;
    private readonly int _ringBits;
    private readonly long _ringMask;
    private readonly long[] _sentAt;
    private readonly long[] _sent;
    private readonly long[] _reported;
    private readonly LatencyHistogram _latency = new();
    private readonly Lock _errorLock = new();
    private long _completed;
    private long _failed;
    private long _lastReport;
    private KafkaError? _firstError;

    private ProduceBench(int partitions, long records)
    {
        _partitions = partitions;
        _records = records;
        var perPartition = (records / partitions) + 1;
        _ringBits = Math.Min(MaxRingBits, 64 - (int)long.LeadingZeroCount(perPartition));
        _ringMask = (1L << _ringBits) - 1;
        _sentAt = new long[(long)partitions << _ringBits];
        _sent = new long[partitions];
        _reported = new long[partitions];
    }

    /// <summary>Records whose delivery report arrived.</summary>
    public long Completed => Volatile.Read(ref _completed);

    /// <summary>Creates the topic if needed, produces, and returns the figures.</summary>
    /// <param name="settings">The run.</param>
    /// <param name="bootstrap">The node.</param>
    /// <param name="nodeName">How the node is named in the result.</param>
    /// <param name="cancellationToken">Stops producing (what is queued is still flushed).</param>
    public static async Task<BenchResult> RunAsync(BenchSettings settings, string bootstrap, string nodeName, CancellationToken cancellationToken)
    {
        var partitions = await BenchTopic.EnsureAsync(bootstrap, settings.Topic, settings.Partitions, cancellationToken).ConfigureAwait(false);
        var records = settings.Records ?? BenchSettings.DefaultRecords;
        var bench = new ProduceBench(partitions, records);
        var messages = BenchPayloads.Create(settings.RecordSize);
        using var producer = new ProducerBuilder<byte[], byte[]>(settings.ProducerConfig(bootstrap, DefaultLingerMs)).Build();
        var work = Task.Run(() => bench.Run(producer, settings.Topic, messages, cancellationToken), CancellationToken.None);
        var elapsed = await BenchProgress.ShowAsync(settings.Quiet, "produced", settings.RecordSize, () => bench.Completed, work).ConfigureAwait(false);
        var delivered = bench.Completed - bench._failed;
        if (bench._firstError is { } error)
        {
            await Console.Error.WriteLineAsync($"error: {bench._failed} records failed, the first with {CommandRunner.Describe(error)}").ConfigureAwait(false);
        }

        return new BenchResult("produce", settings, nodeName, partitions, delivered, delivered * settings.RecordSize, elapsed, bench._latency,
            "Produce call to delivery report", bench._failed);
    }

    private TimeSpan Run(IProducer<byte[], byte[]> producer, string topic, Message<byte[], byte[]>[] messages, CancellationToken cancellationToken)
    {
        var targets = new TopicPartition[_partitions];
        for (var p = 0; p < targets.Length; p++)
        {
            targets[p] = new TopicPartition(topic, p);
        }

        Action<DeliveryReport<byte[], byte[]>> onDelivery = OnDelivery;
        var partition = 0;
        var started = Stopwatch.GetTimestamp();
        for (long i = 0; i < _records; i++)
        {
            if ((i & 1023) == 0 && (cancellationToken.IsCancellationRequested || Volatile.Read(ref _failed) > 0))
            {
                break;
            }

            var k = _sent[partition];
            if (k - Volatile.Read(ref _reported[partition]) > _ringMask)
            {
                WaitForRoom(partition, k, cancellationToken);
            }

            _sentAt[((long)partition << _ringBits) + (k & _ringMask)] = Stopwatch.GetTimestamp();
            _sent[partition] = k + 1;
            producer.Produce(targets[partition], messages[i & (BenchPayloads.Count - 1)], onDelivery);
            if (++partition == _partitions)
            {
                partition = 0;
            }
        }

        producer.Flush(CancellationToken.None);
        return Stopwatch.GetElapsedTime(started, Volatile.Read(ref _lastReport));
    }

    /// <summary>The ring of a partition is full: the oldest record sent to it has no report yet.</summary>
    private void WaitForRoom(int partition, long k, CancellationToken cancellationToken)
    {
        var spin = default(SpinWait);
        while (k - Volatile.Read(ref _reported[partition]) > _ringMask && !cancellationToken.IsCancellationRequested)
        {
            spin.SpinOnce();
        }
    }

    /// <summary>Runs on the producer's sender loop, one report at a time.</summary>
    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        var now = Stopwatch.GetTimestamp();
        var partition = report.Partition.Value;
        if ((uint)partition < (uint)_partitions)
        {
            var k = _reported[partition];
            _latency.RecordTicks(now - _sentAt[((long)partition << _ringBits) + (k & _ringMask)]);
            Volatile.Write(ref _reported[partition], k + 1);
        }

        if (report.Error.IsError)
        {
            lock (_errorLock)
            {
                _firstError ??= report.Error;
            }

            Volatile.Write(ref _failed, _failed + 1);
        }

        Volatile.Write(ref _lastReport, now);
        Volatile.Write(ref _completed, _completed + 1);
    }
}
