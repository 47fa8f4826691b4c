using System.Diagnostics;

namespace ActorStream.Kafka.Tests;

/// <summary>Awaits a condition with a deadline and reports the last state seen when it never holds.</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (true)
        {
            var last = await probe();
            if (condition(last))
            {
                return last;
            }

            if (deadline.Elapsed > limit)
            {
                Assert.Fail($"{what ?? "Condition"} did not hold within {limit}; last seen: {last}");
            }

            await Task.Delay(20);
        }
    }
}
