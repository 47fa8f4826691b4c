using ActorStream.Persistence.Journal;
using ActorStream.Persistence.Tck;
using ActorStream.Serialization;

namespace ActorStream.Persistence.Sql.Tests;

public sealed class PostgresJournalTests(PostgresSchemaFixture fixture) : JournalSpec, IClassFixture<PostgresSchemaFixture>
{
    protected override async Task<AsyncWriteJournal> CreateJournalAsync(SerializationRegistry serialization)
    {
        var journal = new PostgresJournal(
            new PostgresJournalSettings(fixture.ConnectionString) { Schema = fixture.Schema, Parallelism = 3 },
            serialization);
        await journal.StartAsync();
        return journal;
    }

    /// <summary>Kills the server sessions under the journal: a broken connection, not a closed journal.</summary>
    protected override Task BreakStorageAsync(AsyncWriteJournal journal) => fixture.TerminateSessionsAsync();

    [Fact]
    public async Task WriteMessages_AfterSessionsWereKilled_FailsThenRecoversOnANewConnection()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 1);
        await fixture.TerminateSessionsAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => Journal.WriteMessagesAsync(Writes(pid, 2, 2)));

        // The outcome of the failed write is unknown to the caller, but it never reached the server.
        await WriteAsync(pid, 2, 3);
        AssertSequence(await ReplayAsync(pid), pid, 1, 3);
    }
}
