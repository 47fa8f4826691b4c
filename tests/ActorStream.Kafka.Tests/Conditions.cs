namespace ActorStream.Kafka.Tests;

/// <summary>Awaits a condition with a deadline, failing with the last state seen.</summary>
internal static class Conditions
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(15)).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            var state = await probe();
            if (done(state))
            {
                return state;
            }

            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last state: {state}");
            }

            await Task.Delay(20);
        }
    }
}
