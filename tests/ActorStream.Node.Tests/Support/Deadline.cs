using System.Diagnostics;

namespace ActorStream.Node.Tests.Support;

/// <summary>Awaits a condition with a deadline and reports the last state seen when it expires.</summary>
internal static class Deadline
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                Assert.Fail($"Condition not met within {timeout}; last state: {describe()}");
            }

            await Task.Delay(10);
        }
    }
}
