using System.Diagnostics;

namespace ActorStream.Actor;

/// <summary>Restart bookkeeping of one child: how often it restarted within the current window.</summary>
public sealed class ChildRestartStats
{
    private int _retriesCount;
    private long _windowStart;

    internal ChildRestartStats(IActorRef child) => Child = (IInternalActorRef)child;

    internal IInternalActorRef Child { get; }

    /// <summary>The child these statistics belong to.</summary>
    public IActorRef ChildRef => Child;

    /// <summary>Restarts counted in the current window.</summary>
    public int RetriesCount => _retriesCount;

    /// <summary>
    /// Counts a restart and says whether it is allowed: at most <paramref name="maxNrOfRetries"/>
    /// (negative: unlimited) within <paramref name="withinTimeMilliseconds"/> (non-positive: no window).
    /// </summary>
    public bool RequestRestartPermission(int maxNrOfRetries, int withinTimeMilliseconds)
    {
        if (maxNrOfRetries == 0)
        {
            return false;
        }

        if (withinTimeMilliseconds <= 0)
        {
            if (maxNrOfRetries < 0)
            {
                return true;
            }

            _retriesCount++;
            return _retriesCount <= maxNrOfRetries;
        }

        var retries = maxNrOfRetries < 0 ? 1 : maxNrOfRetries;
        var now = Stopwatch.GetTimestamp();
        if (_windowStart == 0)
        {
            _windowStart = now;
        }

        if (Stopwatch.GetElapsedTime(_windowStart, now).TotalMilliseconds <= withinTimeMilliseconds)
        {
            _retriesCount++;
            return _retriesCount <= retries;
        }

        _windowStart = now;
        _retriesCount = 1;
        return true;
    }
}
