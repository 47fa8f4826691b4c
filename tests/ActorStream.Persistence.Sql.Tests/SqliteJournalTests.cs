using ActorStream.Persistence.Journal;
using ActorStream.Persistence.Tck;
using ActorStream.Serialization;

namespace ActorStream.Persistence.Sql.Tests;

public sealed class SqliteJournalTests : JournalSpec, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override async Task<AsyncWriteJournal> CreateJournalAsync(SerializationRegistry serialization)
    {
        var journal = new SqliteJournal(new SqliteJournalSettings(_directory.File("journal.db")), serialization);
        await journal.StartAsync();
        return journal;
    }

    [Fact]
    public async Task StartAsync_ReopenedFile_SeesEverythingWrittenBefore()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 10);
        await Journal.DeleteMessagesToAsync(pid, 4);
        await Journal.DisposeAsync();

        await using var reopened = new SqliteJournal(new SqliteJournalSettings(_directory.File("journal.db")), Serialization);
        await reopened.StartAsync();

        var replayed = new List<IPersistentRepresentation>();
        await reopened.ReplayMessagesAsync(pid, 1, long.MaxValue, long.MaxValue, replayed.Add);
        Assert.Equal(10, await reopened.ReadHighestSequenceNrAsync(pid, 0));
        AssertSequence(replayed, pid, 5, 10);
    }

    [Fact]
    public async Task WriteMessages_SmallBatchLimits_StillStoresEveryWriteWhole()
    {
        await using var journal = new SqliteJournal(
            new SqliteJournalSettings(_directory.File("small.db")) { Batch = new JournalBatchSettings(MaxBatchRows: 2, MaxBatchBytes: 64, QueueDepth: 4) },
            Serialization);
        await journal.StartAsync();
        var pid = NewPersistenceId();
        var calls = new List<Task>();
        for (long seq = 1; seq <= 30; seq += 3)
        {
            var write = new AtomicWrite(System.Collections.Immutable.ImmutableArray.Create<IPersistentRepresentation>(
                Event(pid, seq), Event(pid, seq + 1), Event(pid, seq + 2)));
            calls.Add(journal.WriteMessagesAsync([write]));
        }

        await Task.WhenAll(calls);
        var replayed = new List<IPersistentRepresentation>();
        await journal.ReplayMessagesAsync(pid, 1, long.MaxValue, long.MaxValue, replayed.Add);
        AssertSequence(replayed, pid, 1, 30);
    }
}
