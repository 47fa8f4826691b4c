using System.Diagnostics;

namespace ActorStream.Kafka.Network.Tests.Support;

/// <summary>Awaits a condition with a deadline and reports the last state seen when it expires.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task UntilAsync(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                Assert.Fail($"Condition not met within {limit}; last state: {describe()}");
            }

            await Task.Delay(5);
        }
    }
}
