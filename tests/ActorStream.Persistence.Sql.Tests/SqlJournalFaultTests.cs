using System.Net;
using System.Net.Sockets;
using ActorStream.Serialization;
using Npgsql;

namespace ActorStream.Persistence.Sql.Tests;

public sealed class SqlJournalFaultTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task StartAsync_FileIsNotSqlite_ThrowsNamingPathAndReason()
    {
        var path = _directory.File("not-a-db.db");
        var garbage = new byte[64 * 1024];
        new Random(5).NextBytes(garbage);
        await File.WriteAllBytesAsync(path, garbage);
        await using var journal = new SqliteJournal(new SqliteJournalSettings(path), SerializationRegistry.CreateDefault());

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => journal.StartAsync());

        Assert.Equal(path, error.Location);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PathIsADirectory_ThrowsNamingThePath()
    {
        var path = _directory.File("a-directory");
        Directory.CreateDirectory(path);
        await using var journal = new SqliteJournal(new SqliteJournalSettings(path), SerializationRegistry.CreateDefault());

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => journal.StartAsync());

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_CorruptPagesWithIntegrityCheck_ThrowsNamingThePath()
    {
        var path = _directory.File("corrupt.db");
        await using (var journal = new SqliteJournal(new SqliteJournalSettings(path), SerializationRegistry.CreateDefault()))
        {
            await journal.StartAsync();
            var writes = new List<AtomicWrite>();
            for (var seq = 1; seq <= 500; seq++)
            {
                writes.Add(new AtomicWrite(new Persistent(new byte[300], seq, "p")));
            }

            Assert.Null(await journal.WriteMessagesAsync(writes));
        }

        // Keep the 100-byte header and page 1 (schema), trash the b-tree pages after it.
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            Assert.True(file.Length > 40_000, "the journal should have checkpointed into the main file on close");
            file.Position = 8192;
            var garbage = new byte[file.Length - 8192];
            new Random(9).NextBytes(garbage);
            await file.WriteAsync(garbage);
        }

        await using var reopened = new SqliteJournal(new SqliteJournalSettings(path) { IntegrityCheckOnStart = true }, SerializationRegistry.CreateDefault());
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => reopened.StartAsync());

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteMessages_NotStarted_ThrowsInvalidOperation()
    {
        await using var journal = new SqliteJournal(new SqliteJournalSettings(_directory.File("j.db")), SerializationRegistry.CreateDefault());

        await Assert.ThrowsAsync<InvalidOperationException>(() => journal.WriteMessagesAsync([new AtomicWrite(new Persistent("x", 1, "p"))]));
    }

    [Fact]
    public async Task StartAsync_PostgresDown_RetriesWithBackoffThenFailsNamingTheServer()
    {
        var port = ClosedPort();
        var logger = new RecordingLogger<PostgresJournal>();
        var settings = new PostgresJournalSettings($"Host=127.0.0.1;Port={port};Username=nobody;Database=none;Timeout=2")
        {
            ConnectRetry = new ConnectRetryPolicy(4, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(25)),
        };
        await using var journal = new PostgresJournal(settings, SerializationRegistry.CreateDefault(), logger);

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => journal.StartAsync());

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 4 attempt(s)", error.Message, StringComparison.Ordinal);
        var retries = logger.Entries.Where(e => e.EventId.Id == 3110).Select(e => e.Message).ToList();
        Assert.Equal(3, retries.Count);
        Assert.Contains("attempt 1 of 4", retries[0], StringComparison.Ordinal);
        Assert.Contains("retrying in 10 ms", retries[0], StringComparison.Ordinal);
        Assert.Contains("retrying in 20 ms", retries[1], StringComparison.Ordinal);
        Assert.Contains("retrying in 25 ms", retries[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PostgresComesUpDuringRetries_StartsAndWrites()
    {
        var real = new NpgsqlConnectionStringBuilder(PostgresTestEnvironment.ConnectionString);
        var address = (await Dns.GetHostAddressesAsync(real.Host!)).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        await using var forwarder = new FlakyTcpForwarder(new IPEndPoint(address, real.Port), refusals: 2);
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        var cs = new NpgsqlConnectionStringBuilder(real.ConnectionString) { Host = "127.0.0.1", Port = forwarder.Port, Pooling = false, SslMode = SslMode.Disable };
        var logger = new RecordingLogger<PostgresJournal>();
        var settings = new PostgresJournalSettings(cs.ConnectionString)
        {
            Schema = schema,
            Parallelism = 1,
            ConnectRetry = new ConnectRetryPolicy(5, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)),
        };

        try
        {
            await using var journal = new PostgresJournal(settings, SerializationRegistry.CreateDefault(), logger);
            await journal.StartAsync();
            var result = await journal.WriteMessagesAsync([new AtomicWrite(new Persistent("up", 1, "p"))]);

            Assert.Null(result);
            Assert.Equal(1, await journal.ReadHighestSequenceNrAsync("p", 0));
            // Each refused connection fails one attempt, unless the client had already noticed the
            // reset while still connecting and one attempt absorbed two refusals.
            var retries = logger.Entries.Count(e => e.EventId.Id == 3110);
            Assert.Equal(2, forwarder.Refused);
            Assert.InRange(retries, 1, 2);
        }
        finally
        {
            await PostgresJournal.DropSchemaAsync(PostgresTestEnvironment.ConnectionString, schema);
        }
    }

    [Fact]
    public void DelayAfter_Attempts_DoublesUpToTheMaximum()
    {
        var policy = new ConnectRetryPolicy(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(350));

        Assert.Equal(TimeSpan.FromMilliseconds(100), policy.DelayAfter(1));
        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.DelayAfter(2));
        Assert.Equal(TimeSpan.FromMilliseconds(350), policy.DelayAfter(3));
        Assert.Equal(TimeSpan.FromMilliseconds(350), policy.DelayAfter(9));
        Assert.Equal(TimeSpan.FromMilliseconds(200), ConnectRetryPolicy.Default.InitialDelay);
    }

    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
