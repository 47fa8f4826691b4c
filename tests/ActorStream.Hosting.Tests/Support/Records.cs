using ActorStream.Client;

namespace ActorStream.Hosting.Tests.Support;

/// <summary>Consuming helpers that wait for a condition with a deadline.</summary>
public static class Records
{
    /// <summary>Consumes until <paramref name="count"/> records arrived; fails after <paramref name="timeout"/>.</summary>
    public static List<ConsumeResult<TKey, TValue>> ConsumeExactly<TKey, TValue>(IConsumer<TKey, TValue> consumer, int count, TimeSpan timeout)
    {
        var results = new List<ConsumeResult<TKey, TValue>>(count);
        using var deadline = new CancellationTokenSource(timeout);
        while (results.Count < count)
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Consumed {results.Count} of {count} records within {timeout}");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: false })
            {
                results.Add(result);
            }
        }

        return results;
    }
}
