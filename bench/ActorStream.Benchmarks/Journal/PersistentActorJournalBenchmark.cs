using System.Diagnostics;
using System.Globalization;
using ActorStream.Actor;
using ActorStream.Configuration;
using ActorStream.Persistence;
using ActorStream.Persistence.Sql;

namespace ActorStream.Benchmarks.Journal;

/// <summary>
/// Persist throughput through real persistent actors: A actors, each persisting 1 KiB events with
/// PersistAsync and keeping K of them in flight (as a partition leader pipelines appends). Latency
/// is measured from the Persist call to its handler (the journal's ack after commit). The journal
/// plugin is chosen by HOCON exactly as in production. Last line:
/// <c>events=&lt;n&gt;/s mbps=&lt;n&gt; p99ms=&lt;n&gt;</c>.
/// </summary>
internal static class PersistentActorJournalBenchmark
{
    public static async Task<int> RunAsync(string plugin, int events, int actors, int inFlight, int eventSize, string? connection, string synchronous, int parallelism)
    {
        var dir = Directory.CreateTempSubdirectory("actorstream-journal-bench").FullName;
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        connection ??= Environment.GetEnvironmentVariable("ACTORSTREAM_TEST_POSTGRES");
        var pluginConfig = plugin switch
        {
            "sqlite" => $$"""
                journal.plugin = "actorstream.persistence.journal.sqlite"
                journal.sqlite { data-source = "{{Path.Combine(dir, "journal.db")}}", synchronous = {{synchronous}} }
                """,
            "postgres" when !string.IsNullOrEmpty(connection) => $$"""
                journal.plugin = "actorstream.persistence.journal.postgres"
                journal.postgres { connection-string = "{{connection}}", schema = "{{schema}}", parallelism = {{parallelism}} }
                """,
            "postgres" => throw new ArgumentException("postgres needs --connection or ACTORSTREAM_TEST_POSTGRES"),
            "memory" => "journal.plugin = \"actorstream.persistence.journal.inmem\"",
            _ => throw new ArgumentException($"unknown plugin '{plugin}' (sqlite, postgres or memory)"),
        };
        var config = ConfigurationFactory.ParseString($"actorstream.loglevel = WARNING\nactorstream.persistence {{\n{pluginConfig}\n}}");
        var system = ActorSystem.Create("journal-bench", config);
        try
        {
            var payload = new byte[eventSize];
            new Random(42).NextBytes(payload);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plugin={plugin} actors={actors} in-flight/actor={inFlight} event-size={eventSize} events={events}"));

            await RunPhaseAsync(system, actors, inFlight, payload, Math.Min(events / 10, 20_000), "warmup");
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var latencies = await RunPhaseAsync(system, actors, inFlight, payload, events, "run");
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

            Array.Sort(latencies);
            double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
            var p50 = Ms(latencies[latencies.Length / 2]);
            var p99 = Ms(latencies[Math.Min(latencies.Length - 1, (int)(latencies.Length * 0.99))]);
            var rate = latencies.Length / elapsed;
            var mbps = latencies.Length * (double)eventSize / (1024 * 1024) / elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput: {rate:F0} events/s, {mbps:F1} MB/s; persist latency p50 {p50:F2} ms, p99 {p99:F2} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu: {cpu / elapsed:F2} cores busy, {cpu * 1e6 / latencies.Length:F1} us of cpu per event"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events={rate:F0}/s mbps={mbps:F1} p99ms={p99:F2}"));
            return 0;
        }
        finally
        {
            await system.Terminate();
            Directory.Delete(dir, recursive: true);
            if (plugin == "postgres" && !string.IsNullOrEmpty(connection))
            {
                await PostgresJournal.DropSchemaAsync(connection, schema);
            }
        }
    }

    private static async Task<long[]> RunPhaseAsync(ActorSystem system, int actors, int inFlight, byte[] payload, int events, string phase)
    {
        var latencies = new long[events];
        var next = -1;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        var shared = new Shared(latencies, () => Interlocked.Increment(ref next), () =>
        {
            if (Interlocked.Increment(ref finished) == events)
            {
                done.TrySetResult();
            }
        });
        var refs = new IActorRef[actors];
        for (var i = 0; i < actors; i++)
        {
            var id = $"{phase}-{i}-{Guid.NewGuid():N}";
            refs[i] = system.ActorOf(Props.Create(() => new Writer(id, payload, inFlight, shared)));
            refs[i].Tell(Writer.Start.Instance, ActorRefs.NoSender);
        }

        await done.Task;
        foreach (var r in refs)
        {
            system.Stop(r);
        }

        return latencies;
    }

    /// <summary>What the writers share: the latency slots and the completion count.</summary>
    private sealed record Shared(long[] Latencies, Func<int> TakeSlot, Action Completed);

    private sealed class Writer : ReceivePersistentActor
    {
        private readonly byte[] _payload;
        private readonly int _inFlight;
        private readonly Shared _shared;
        private readonly Queue<(int Slot, long Started)> _pending = new();

        public Writer(string id, byte[] payload, int inFlight, Shared shared)
        {
            PersistenceId = id;
            _payload = payload;
            _inFlight = inFlight;
            _shared = shared;
            Command<Start>(_ =>
            {
                for (var i = 0; i < _inFlight; i++)
                {
                    PersistNext();
                }
            });
        }

        public override string PersistenceId { get; }

        private void PersistNext()
        {
            var slot = _shared.TakeSlot();
            if (slot >= _shared.Latencies.Length)
            {
                return;
            }

            _pending.Enqueue((slot, Stopwatch.GetTimestamp()));
            PersistAsync(_payload, OnStored);
        }

        private void OnStored(byte[] _)
        {
            var (slot, started) = _pending.Dequeue();
            _shared.Latencies[slot] = Stopwatch.GetTimestamp() - started;
            _shared.Completed();
            PersistNext();
        }

        public sealed class Start
        {
            public static readonly Start Instance = new();
        }
    }
}
