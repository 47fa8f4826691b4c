using System.Collections.Concurrent;
using System.Text;

namespace ActorStream.Kafka.Tests.Fuzz;

/// <summary>Counters of a fuzz run, shared by its workers. Thread-safe.</summary>
internal sealed class FuzzTotals
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _failures = new();
    private long _frames;

    public long Frames => Volatile.Read(ref _frames);

    public IReadOnlyCollection<string> Failures => _failures;

    public void AddFrames(int count) => Interlocked.Add(ref _frames, count);

    public void Count(string what, long by = 1) => _counts.AddOrUpdate(what, by, (_, n) => n + by);

    public long Get(string what) => _counts.GetValueOrDefault(what);

    /// <summary>Records a broken expectation (reported together at the end, so one run shows them all).</summary>
    public void Fail(string failure)
    {
        if (_failures.Count < 50)
        {
            _failures.Enqueue(failure);
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder().Append(Frames).Append(" frames");
        foreach (var (what, count) in _counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            text.Append("; ").Append(what).Append(' ').Append(count);
        }

        return text.ToString();
    }
}
