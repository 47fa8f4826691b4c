using ActorStream.Persistence.Journal;
using ActorStream.Persistence.Tck;
using ActorStream.Serialization;

namespace ActorStream.Persistence.Tests;

public sealed class MemoryJournalTests : JournalSpec
{
    protected override Task<AsyncWriteJournal> CreateJournalAsync(SerializationRegistry serialization) =>
        Task.FromResult<AsyncWriteJournal>(new MemoryJournal(serialization));

    [Fact]
    public async Task WriteMessages_WithoutRegistry_StoresTheObjectsThemselves()
    {
        await using var journal = new MemoryJournal();
        var payload = new UnserializableEvent("kept as object");

        var result = await journal.WriteMessagesAsync([new AtomicWrite(new Persistent(payload, 1, "p"))]);
        IPersistentRepresentation? replayed = null;
        await journal.ReplayMessagesAsync("p", 1, long.MaxValue, long.MaxValue, e => replayed = e);

        Assert.Null(result);
        Assert.Same(payload, replayed?.Payload);
    }
}
