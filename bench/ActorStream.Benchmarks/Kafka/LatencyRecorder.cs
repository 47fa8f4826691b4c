using System.Diagnostics;

namespace ActorStream.Benchmarks.Kafka;

/// <summary>
/// Collects request latencies (Stopwatch ticks) and reports percentiles. Thread-safe: recording
/// takes a lock, which is fine at request (not record) granularity.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly object _gate = new();
    private long[] _ticks;
    private int _count;

    public LatencyRecorder(int expected) => _ticks = new long[Math.Max(16, expected)];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public void Record(long ticks)
    {
        lock (_gate)
        {
            if (_count == _ticks.Length)
            {
                Array.Resize(ref _ticks, _ticks.Length * 2);
            }

            _ticks[_count++] = ticks;
        }
    }

    /// <summary>Adds everything <paramref name="other"/> recorded.</summary>
    public void Merge(LatencyRecorder other)
    {
        long[] copy;
        lock (other._gate)
        {
            copy = other._ticks.AsSpan(0, other._count).ToArray();
        }

        foreach (var ticks in copy)
        {
            Record(ticks);
        }
    }

    /// <summary>Latency percentiles in milliseconds: p50, p99, p99.9, max (zeros when nothing was recorded).</summary>
    public (double P50, double P99, double P999, double Max) Percentiles()
    {
        long[] sorted;
        lock (_gate)
        {
            sorted = _ticks.AsSpan(0, _count).ToArray();
        }

        if (sorted.Length == 0)
        {
            return (0, 0, 0, 0);
        }

        Array.Sort(sorted);
        return (Ms(At(sorted, 0.50)), Ms(At(sorted, 0.99)), Ms(At(sorted, 0.999)), Ms(sorted[^1]));
    }

    /// <summary>The nearest-rank percentile.</summary>
    private static long At(long[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * quantile) - 1, 0, sorted.Length - 1)];

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
