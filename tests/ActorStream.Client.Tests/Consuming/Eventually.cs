using System.Diagnostics;

namespace ActorStream.Client.Tests.Consuming;

/// <summary>Awaits a condition with a deadline instead of sleeping, and says what it waited for when it never holds.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"{what} did not happen within {limit}");
            }

            await Task.Delay(20);
        }
    }

    public static Task TrueAsync(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), string.Empty, timeout, describe);

    private static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout, Func<string> describe)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Condition did not hold within {limit}; last seen: {describe()} {what}");
            }

            await Task.Delay(20);
        }
    }
}
