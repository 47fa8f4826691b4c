namespace ActorStream.Client.Tests.Support;

/// <summary>Awaits a condition with a deadline instead of sleeping; reports the last state seen.</summary>
public static class Await
{
    public static async Task ConditionAsync(Func<bool> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"Condition not met within {timeout}: {describe?.Invoke() ?? "(no description)"}");
            }

            await Task.Delay(10);
        }
    }

    public static async Task ConditionAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"Condition not met within {timeout}: {describe?.Invoke() ?? "(no description)"}");
            }

            await Task.Delay(10);
        }
    }
}
