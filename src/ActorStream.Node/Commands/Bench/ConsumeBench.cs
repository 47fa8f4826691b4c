using System.Diagnostics;
using ActorStream.Client;

namespace ActorStream.Node.Commands.Bench;

/// <summary>
/// <c>bench consume</c>: one consumer without a group, assigned every partition from its earliest offset, reads N
/// records (default: all the topic holds). Values are only measured (their length), never copied. The latency
/// figures are of the wait in each Consume call, since a consumed record has no send time of its own.
/// </summary>
internal sealed class ConsumeBench
{
    private static readonly TimeSpan s_pollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_idleLimit = TimeSpan.FromSeconds(30);

    private readonly LatencyHistogram _pollWait = new();
    private long _consumed;
    private long _bytes;

    /// <summary>Records consumed so far.</summary>
    public long Consumed => Volatile.Read(ref _consumed);

    /// <summary>Reads the topic and returns the figures; with <paramref name="fill"/>, first produces the records to read.</summary>
    /// <param name="settings">The run.</param>
    /// <param name="bootstrap">The node.</param>
    /// <param name="nodeName">How the node is named in the result.</param>
    /// <param name="fill">Produce <see cref="BenchSettings.Records"/> records first (an embedded node starts empty).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<BenchResult> RunAsync(BenchSettings settings, string bootstrap, string nodeName, bool fill, CancellationToken cancellationToken)
    {
        if (fill)
        {
            var filled = await ProduceBench.RunAsync(settings, bootstrap, nodeName, cancellationToken).ConfigureAwait(false);
            if (filled.Errors > 0)
            {
                throw new InvalidOperationException("filling the topic failed");
            }

            Note(settings, $"filled {settings.Topic} with {filled.Records:N0} records ({filled.RecordsPerSecond:N0} records/s)");
        }

        var partitions = await BenchTopic.DescribeAsync(bootstrap, settings.Topic, cancellationToken).ConfigureAwait(false);
        using var consumer = new ConsumerBuilder<Ignore, int>(BenchSettings.ConsumerConfig(bootstrap))
            .SetValueDeserializer(new ValueLength())
            .Build();
        var watermarks = BenchTopic.Watermarks(consumer, settings.Topic, partitions);
        long available = 0;
        var assignment = new List<TopicPartitionOffset>(partitions);
        for (var p = 0; p < partitions; p++)
        {
            available += watermarks[p].High.Value - watermarks[p].Low.Value;
            assignment.Add(new TopicPartitionOffset(settings.Topic, p, watermarks[p].Low));
        }

        var records = fill ? available : settings.Records ?? available;
        if (records > available)
        {
            throw new InvalidOperationException($"topic {settings.Topic} holds {available:N0} records, fewer than the {records:N0} asked for");
        }

        var bench = new ConsumeBench();
        consumer.Assign(assignment);
        var work = Task.Run(() => bench.Run(consumer, records, cancellationToken), CancellationToken.None);
        var elapsed = await BenchProgress.ShowAsync(settings.Quiet, "consumed", settings.RecordSize, () => bench.Consumed, work).ConfigureAwait(false);
        consumer.Close();
        return new BenchResult("consume", settings with { RecordSize = bench.AverageRecordSize(settings.RecordSize) }, nodeName, partitions, bench._consumed,
            bench._bytes, elapsed, bench._pollWait, "wait per Consume call", 0);
    }

    private static void Note(BenchSettings settings, string text)
    {
        if (!settings.Quiet)
        {
            Console.Error.WriteLine(text);
        }
    }

    private int AverageRecordSize(int fallback) => _consumed > 0 ? (int)Math.Round((double)_bytes / _consumed) : fallback;

    private TimeSpan Run(IConsumer<Ignore, int> consumer, long records, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var last = started;
        long bytes = 0;
        long count = 0;
        var before = started;
        while (count < records && !cancellationToken.IsCancellationRequested)
        {
            // One clock read per call: the end of a call is the start of the next (the loop's own work is a few ns).
            var result = consumer.Consume(s_pollTimeout);
            var after = Stopwatch.GetTimestamp();
            _pollWait.RecordTicks(after - before);
            before = after;
            if (result is null || result.IsPartitionEOF)
            {
                if (Stopwatch.GetElapsedTime(last, after) > s_idleLimit)
                {
                    throw new TimeoutException($"no record for {s_idleLimit.TotalSeconds:0} s after {count:N0} of {records:N0}");
                }

                continue;
            }

            last = after;
            bytes += result.Message.Value;
            count++;
            if ((count & 255) == 0)
            {
                Volatile.Write(ref _consumed, count);
            }
        }

        Volatile.Write(ref _consumed, count);
        _bytes = bytes;
        return Stopwatch.GetElapsedTime(started, last);
    }

    /// <summary>Deserializes a value into its length: nothing is copied.</summary>
    private sealed class ValueLength : IDeserializer<int>
    {
        public int Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) => data.Length;
    }
}
