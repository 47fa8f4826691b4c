using System.Diagnostics;
using System.Globalization;
using ActorStream.Persistence.Sql.CrashWriter;
using ActorStream.Serialization;

namespace ActorStream.Persistence.Sql.Tests;

/// <summary>
/// Kills (SIGKILL) a process in the middle of writing, then checks the file: every acknowledged
/// write is there byte-exact, ids are dense, and each AtomicWrite is whole or absent.
/// </summary>
public sealed class SqliteJournalCrashTests : IDisposable
{
    internal const int Writers = 8;
    internal const int AcksBeforeKill = 400;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("full")]
    [InlineData("normal")]
    public async Task Reopen_AfterWriterWasKilledMidWrite_KeepsEveryAcknowledgedWriteWhole(string synchronous)
    {
        var path = _directory.File($"crash-{synchronous}.db");
        var acked = await RunAndKillWriterAsync(path, synchronous);

        await using var journal = new SqliteJournal(new SqliteJournalSettings(path), SerializationRegistry.CreateDefault());
        await journal.StartAsync();
        for (var w = 0; w < Writers; w++)
        {
            var pid = "crash-" + w.ToString(CultureInfo.InvariantCulture);
            var events = new List<IPersistentRepresentation>();
            await journal.ReplayMessagesAsync(pid, 1, long.MaxValue, long.MaxValue, events.Add);

            var ackedHighest = acked.GetValueOrDefault(pid);
            Assert.True(events.Count >= ackedHighest, $"{pid}: {ackedHighest} acknowledged but only {events.Count} stored");
            for (var i = 0; i < events.Count; i++)
            {
                var seq = i + 1L;
                Assert.Equal(seq, events[i].SequenceNr);
                Assert.True(
                    CrashPayload.For(pid, seq).AsSpan().SequenceEqual((byte[])events[i].Payload),
                    $"{pid} event {seq} is not byte-exact");
            }

            // The stored prefix must end where an AtomicWrite ends: no half-written batch is visible.
            long boundary = 0;
            while (boundary < events.Count)
            {
                boundary += CrashPayload.WriteSize(boundary + 1);
            }

            Assert.Equal(boundary, events.Count);
            Assert.Equal(events.Count, await journal.ReadHighestSequenceNrAsync(pid, 0));
        }
    }

    private static string WriterPath()
    {
        var dll = Path.Combine(
            AppContext.BaseDirectory.Replace("ActorStream.Persistence.Sql.Tests", "ActorStream.Persistence.Sql.CrashWriter", StringComparison.Ordinal),
            "ActorStream.Persistence.Sql.CrashWriter.dll");
        Assert.True(File.Exists(dll), $"crash writer not built at {dll}");
        return dll;
    }

    private static async Task<Dictionary<string, long>> RunAndKillWriterAsync(string path, string synchronous)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WriterPath());
        start.ArgumentList.Add(path);
        start.ArgumentList.Add(synchronous);
        start.ArgumentList.Add(Writers.ToString(CultureInfo.InvariantCulture));

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var acked = new Dictionary<string, long>();
        var acks = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (acks < AcksBeforeKill)
            {
                var line = await process.StandardOutput.ReadLineAsync(deadline.Token);
                if (line is null)
                {
                    Assert.Fail($"crash writer exited early with {acks} acks: {await stderr}");
                }

                var parts = line.Split(' ');
                if (parts.Length == 3 && parts[0] == "ACK")
                {
                    acked[parts[1]] = long.Parse(parts[2], CultureInfo.InvariantCulture);
                    acks++;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        Assert.Equal(137, process.ExitCode);
        return acked;
    }
}
