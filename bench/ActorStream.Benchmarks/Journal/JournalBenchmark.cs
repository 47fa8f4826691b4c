using System.Diagnostics;
using System.Globalization;
using ActorStream.Persistence;
using ActorStream.Persistence.Journal;
using ActorStream.Persistence.Sql;
using ActorStream.Serialization;

namespace ActorStream.Benchmarks.Journal;

/// <summary>
/// Journal write throughput. By default through persistent actors (see
/// <see cref="PersistentActorJournalBenchmark"/>; --writers actors, --in-flight events each);
/// with --direct, against the journal SPI: W writers, each with its own persistence
/// id, write one event, await the ack (commit), and repeat. Prints events/s, MB/s and persist
/// latency percentiles; the last line is machine-readable:
/// <c>events=&lt;n&gt;/s mbps=&lt;n&gt; p99ms=&lt;n&gt;</c>.
/// <code>
/// journal --plugin sqlite|postgres|memory [--events 1000000] [--writers 100] [--event-size 1024] [--in-flight 16] [--direct]
///         [--connection CS] [--path DIR] [--synchronous full|normal] [--page-size 4096]
///         [--parallelism 2] [--ordering] [--warmup 20000]
/// </code>
/// </summary>
public static class JournalBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        if (options is not null && !options.Direct)
        {
            return await PersistentActorJournalBenchmark.RunAsync(options.Plugin, options.Events, options.Writers, options.InFlight, options.EventSize, options.Connection, options.Synchronous.ToString().ToLowerInvariant(), options.Parallelism);
        }

        if (options is null)
        {
            Console.Error.WriteLine("usage: journal --plugin sqlite|postgres|memory [--events N] [--writers N] [--event-size BYTES] [--connection CS] [--path DIR] [--synchronous full|normal] [--page-size N] [--parallelism N] [--ordering] [--warmup N]");
            return 2;
        }

        var serialization = SerializationRegistry.CreateDefault();
        string? tempDir = null;
        AsyncWriteJournal journal;
        string? schema = null;
        switch (options.Plugin)
        {
            case "sqlite":
                tempDir = options.Path ?? Directory.CreateTempSubdirectory("actorstream-journal-bench").FullName;
                journal = new SqliteJournal(
                    new SqliteJournalSettings(Path.Combine(tempDir, "journal.db"))
                    {
                        Synchronous = options.Synchronous,
                        PageSize = options.PageSize,
                    },
                    serialization);
                break;
            case "postgres":
                var cs = options.Connection ?? Environment.GetEnvironmentVariable("ACTORSTREAM_TEST_POSTGRES");
                if (string.IsNullOrEmpty(cs))
                {
                    Console.Error.WriteLine("postgres needs --connection or ACTORSTREAM_TEST_POSTGRES");
                    return 2;
                }

                schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
                journal = new PostgresJournal(
                    new PostgresJournalSettings(cs) { Schema = schema, Parallelism = options.Parallelism },
                    serialization);
                break;
            case "memory":
                journal = new MemoryJournal(serialization);
                break;
            default:
                Console.Error.WriteLine($"unknown plugin {options.Plugin}");
                return 2;
        }

        try
        {
            await journal.StartAsync();
            var payload = new byte[options.EventSize];
            new Random(42).NextBytes(payload);
            var sequences = new long[options.Writers];

            if (options.Warmup > 0)
            {
                await RunPhaseAsync(journal, options, payload, sequences, options.Warmup, null);
            }

            var all = new long[options.Events];
            var statsBefore = (journal as SqlJournal)?.Statistics;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var total = await RunPhaseAsync(journal, options, payload, sequences, options.Events, all);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;

            Array.Sort(all);
            double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
            var p50 = Ms(all[(int)(all.Length * 0.50)]);
            var p99 = Ms(all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]);
            var max = Ms(all[^1]);
            var eventsPerSecond = total / elapsed;
            var mbps = total * (double)options.EventSize / (1024 * 1024) / elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"plugin={options.Plugin} writers={options.Writers} event-size={options.EventSize} events={total} seconds={elapsed:F2}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"throughput: {eventsPerSecond:F0} events/s, {mbps:F1} MB/s; persist latency p50 {p50:F3} ms, p99 {p99:F3} ms, max {max:F1} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cpu: {cpu:F2} s of {elapsed:F2} s wall ({cpu / elapsed:F2} cores), {cpu * 1e6 / total:F2} us of cpu per event"));
            if (journal is SqlJournal sql && statsBefore is { } before)
            {
                var after = sql.Statistics;
                var batches = Math.Max(1, after.Batches - before.Batches);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"write path: {batches} commits, {(after.Rows - before.Rows) / (double)batches:F1} events per commit, {(after.CommitTime - before.CommitTime).TotalMilliseconds / batches:F3} ms per commit"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events={eventsPerSecond:F0}/s mbps={mbps:F1} p99ms={p99:F3}"));
            return 0;
        }
        finally
        {
            await journal.DisposeAsync();
            if (tempDir is not null && options.Path is null)
            {
                Directory.Delete(tempDir, recursive: true);
            }

            if (schema is not null)
            {
                await PostgresJournal.DropSchemaAsync(options.Connection ?? Environment.GetEnvironmentVariable("ACTORSTREAM_TEST_POSTGRES")!, schema);
            }
        }
    }

    private static async Task<int> RunPhaseAsync(AsyncWriteJournal journal, Options options, byte[] payload, long[] sequences, int events, long[]? latencies)
    {
        var remaining = events;
        var tasks = new Task[options.Writers];
        for (var w = 0; w < options.Writers; w++)
        {
            var writer = w;
            tasks[w] = Task.Run(async () =>
            {
                var pid = "bench-" + writer.ToString(CultureInfo.InvariantCulture);
                var guid = Guid.NewGuid().ToString();
                var one = new AtomicWrite[1];
                int slot;
                while ((slot = Interlocked.Decrement(ref remaining)) >= 0)
                {
                    var seq = ++sequences[writer];
                    EventOrdering? ordering = options.Ordering ? new EventOrdering(seq * 10, (seq * 10) + 9, seq) : null;
                    one[0] = new AtomicWrite(new Persistent(payload, seq, pid, WriterGuid: guid, Ordering: ordering));
                    var t0 = Stopwatch.GetTimestamp();
                    var result = await journal.WriteMessagesAsync(one);
                    var t1 = Stopwatch.GetTimestamp();
                    if (result is not null && result[0] is { } rejected)
                    {
                        throw new InvalidOperationException("write rejected", rejected);
                    }

                    if (latencies is not null)
                    {
                        latencies[slot] = t1 - t0;
                    }
                }
            });
        }

        await Task.WhenAll(tasks);
        return events;
    }

    private sealed record Options(
        string Plugin,
        int Events,
        int Writers,
        int EventSize,
        string? Connection,
        string? Path,
        SqliteSynchronous Synchronous,
        int PageSize,
        int Parallelism,
        bool Ordering,
        int Warmup,
        bool Direct,
        int InFlight)
    {
        public static Options? Parse(string[] args)
        {
            var o = new Options("sqlite", 1_000_000, 100, 1024, null, null, SqliteSynchronous.Full, 4096, 2, false, 20_000, false, 16);
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
                switch (args[i])
                {
                    case "journal":
                        break;
                    case "--plugin": o = o with { Plugin = Next() }; break;
                    case "--events": o = o with { Events = NextInt() }; break;
                    case "--writers": o = o with { Writers = NextInt() }; break;
                    case "--event-size": o = o with { EventSize = NextInt() }; break;
                    case "--connection": o = o with { Connection = Next() }; break;
                    case "--path": o = o with { Path = Next() }; break;
                    case "--synchronous": o = o with { Synchronous = Enum.Parse<SqliteSynchronous>(Next(), ignoreCase: true) }; break;
                    case "--page-size": o = o with { PageSize = NextInt() }; break;
                    case "--parallelism": o = o with { Parallelism = NextInt() }; break;
                    case "--ordering": o = o with { Ordering = true }; break;
                    case "--warmup": o = o with { Warmup = NextInt() }; break;
                    case "--direct": o = o with { Direct = true }; break;
                    case "--in-flight": o = o with { InFlight = NextInt() }; break;
                    default: return null;
                }
            }

            return o;
        }
    }
}
