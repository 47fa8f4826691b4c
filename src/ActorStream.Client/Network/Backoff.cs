namespace ActorStream.Client.Network;

/// <summary>
/// Exponential backoff with jitter, as the Java client computes it: <c>initial · 2^attempts</c>,
/// capped at <c>max</c>, then ±20 % random jitter. Stateless and thread-safe.
/// </summary>
internal static class Backoff
{
    /// <summary>The wait before retry number <paramref name="attempts"/> + 1 (attempts = failures so far, from 0).</summary>
    public static TimeSpan Compute(TimeSpan initial, TimeSpan max, int attempts)
    {
        if (initial <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(Math.Max(attempts, 0), 30);
        var ms = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), Math.Max(max.TotalMilliseconds, initial.TotalMilliseconds));
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(ms * jitter);
    }
}
