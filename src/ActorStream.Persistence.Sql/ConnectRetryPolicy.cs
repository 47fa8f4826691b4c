namespace ActorStream.Persistence.Sql;

/// <summary>
/// How a server store is retried when it is unreachable at start: up to <see cref="Attempts"/>
/// connection attempts, waiting <see cref="InitialDelay"/> after the first failure and doubling up
/// to <see cref="MaxDelay"/>. Every failed attempt is logged as a warning. Immutable.
/// </summary>
public sealed record ConnectRetryPolicy(int Attempts = 10, TimeSpan InitialDelay = default, TimeSpan MaxDelay = default)
{
    /// <summary>10 attempts, 200 ms first delay, at most 10 s between attempts (about 40 s in all).</summary>
    public static ConnectRetryPolicy Default { get; } = new();

    /// <summary>The first delay (200 ms when not set).</summary>
    public TimeSpan InitialDelay { get; init; } = InitialDelay == default ? TimeSpan.FromMilliseconds(200) : InitialDelay;

    /// <summary>The longest delay (10 s when not set).</summary>
    public TimeSpan MaxDelay { get; init; } = MaxDelay == default ? TimeSpan.FromSeconds(10) : MaxDelay;

    /// <summary>The delay after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ticks = InitialDelay.Ticks;
        for (var i = 1; i < attempt && ticks < MaxDelay.Ticks; i++)
        {
            ticks *= 2;
        }

        return TimeSpan.FromTicks(Math.Min(ticks, MaxDelay.Ticks));
    }
}
