using System.Diagnostics;
using System.Numerics;

namespace ActorStream.Node.Commands.Bench;

/// <summary>
/// A log-linear latency histogram in one preallocated array (the layout of HdrHistogram with 2 significant
/// digits): values below 256 ns have a bucket each; above, every power of two is split into 128 buckets, so a
/// reported value is within 0.4 % of the recorded one. Recording allocates nothing and costs a few instructions.
/// Single writer: one thread records at a time; <see cref="Count"/> may be read from any thread.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBucketCount = 1 << SubBucketBits;
    private const int LinearLimit = SubBucketCount * 2;

    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly long[] _counts = new long[LinearLimit + ((63 - SubBucketBits) * SubBucketCount)];
    private long _count;
    private long _max;

    /// <summary>How many values were recorded.</summary>
    public long Count => Volatile.Read(ref _count);

    /// <summary>Records a duration given in <see cref="Stopwatch"/> ticks (negative values count as zero).</summary>
    /// <param name="ticks">The duration.</param>
    public void RecordTicks(long ticks) => RecordNanoseconds(Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * s_nanosecondsPerTick));

    /// <summary>Records a duration in nanoseconds (negative values count as zero).</summary>
    /// <param name="nanoseconds">The duration.</param>
    public void RecordNanoseconds(long nanoseconds)
    {
        var value = Math.Max(nanoseconds, 0);
        _counts[IndexOf(value)]++;
        if (value > _max)
        {
            _max = value;
        }

        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>The value at <paramref name="percentile"/> (0-100) in milliseconds, or null when nothing was recorded.</summary>
    /// <param name="percentile">The percentile, e.g. 99.9.</param>
    public double? PercentileMs(double percentile)
    {
        var count = Count;
        if (count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(MidpointOf(i), _max) / 1e6;
            }
        }

        return _max / 1e6;
    }

    /// <summary>The largest value recorded, in milliseconds (0 when none).</summary>
    public double MaxMs => _max / 1e6;

    internal static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var shift = BitOperations.Log2((ulong)value) - SubBucketBits;
        var sub = (int)(value >> shift) - SubBucketCount;
        return LinearLimit + ((shift - 1) * SubBucketCount) + sub;
    }

    internal static long LowestOf(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = ((index - LinearLimit) / SubBucketCount) + 1;
        var sub = ((index - LinearLimit) % SubBucketCount) + SubBucketCount;
        return (long)sub << shift;
    }

    private static long MidpointOf(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = ((index - LinearLimit) / SubBucketCount) + 1;
        return LowestOf(index) + ((1L << shift) / 2);
    }
}
