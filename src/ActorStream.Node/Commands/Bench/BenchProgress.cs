using System.Globalization;

namespace ActorStream.Node.Commands.Bench;

/// <summary>
/// The live status line of a run on stderr (through <see cref="Progress"/>, so only when stderr is a terminal):
/// records so far, and records/s and MB/s over the last second.
/// </summary>
internal static class BenchProgress
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);

    /// <summary>Awaits <paramref name="work"/>, showing its progress about every second unless <paramref name="quiet"/>.</summary>
    /// <param name="quiet">Show nothing.</param>
    /// <param name="what">What is counted, e.g. "delivered".</param>
    /// <param name="recordSize">Bytes per record, for MB/s.</param>
    /// <param name="records">Reads the count so far (from any thread).</param>
    /// <param name="work">The run.</param>
    public static async Task<T> ShowAsync<T>(bool quiet, string what, int recordSize, Func<long> records, Task<T> work)
    {
        if (quiet)
        {
            return await work.ConfigureAwait(false);
        }

        return await Progress.RunAsync($"{what} 0 records", async report =>
        {
            var time = TimeProvider.System;
            var lastTime = time.GetTimestamp();
            var lastCount = 0L;
            while (await Task.WhenAny(work, Task.Delay(s_interval, time)).ConfigureAwait(false) != work)
            {
                var now = time.GetTimestamp();
                var count = records();
                var seconds = time.GetElapsedTime(lastTime, now).TotalSeconds;
                var rate = seconds > 0 ? (count - lastCount) / seconds : 0;
                report(string.Create(CultureInfo.InvariantCulture,
                    $"{what} {count:N0} records, {rate:N0} records/s, {rate * recordSize / (1024 * 1024):0.0} MB/s"));
                lastTime = now;
                lastCount = count;
            }

            return await work.ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
