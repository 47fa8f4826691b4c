using System.Collections.Immutable;
using System.Globalization;
using ActorStream.Persistence;
using ActorStream.Persistence.Sql;
using ActorStream.Persistence.Sql.CrashWriter;
using ActorStream.Serialization;

// Writes AtomicWrites to a SQLite journal from several concurrent writers until it is killed.
// Prints "ACK <persistence id> <highest acknowledged sequence nr>" after each acknowledged write.
// usage: CrashWriter <db path> <full|normal> <writers>
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: CrashWriter <db path> <full|normal> <writers>");
    return 2;
}

var synchronous = Enum.Parse<SqliteSynchronous>(args[1], ignoreCase: true);
var writers = int.Parse(args[2], CultureInfo.InvariantCulture);
var journal = new SqliteJournal(new SqliteJournalSettings(args[0]) { Synchronous = synchronous }, SerializationRegistry.CreateDefault());
await journal.StartAsync();
var output = TextWriter.Synchronized(Console.Out);
Console.Out.Flush();
Console.Error.WriteLine("READY");

var tasks = new Task[writers];
for (var w = 0; w < writers; w++)
{
    var pid = "crash-" + w.ToString(CultureInfo.InvariantCulture);
    tasks[w] = Task.Run(async () =>
    {
        long next = 1;
        while (true)
        {
            var size = CrashPayload.WriteSize(next);
            var events = ImmutableArray.CreateBuilder<IPersistentRepresentation>(size);
            for (var i = 0; i < size; i++)
            {
                events.Add(new Persistent(CrashPayload.For(pid, next + i), next + i, pid, WriterGuid: "crash"));
            }

            var result = await journal.WriteMessagesAsync([new AtomicWrite(events.MoveToImmutable())]);
            if (result is not null && result[0] is { } error)
            {
                Console.Error.WriteLine($"REJECTED {pid} {next}: {error.Message}");
                Environment.Exit(3);
            }

            next += size;
            output.WriteLine($"ACK {pid} {next - 1}");
            output.Flush();
        }
    });
}

await Task.WhenAll(tasks);
return 0;
