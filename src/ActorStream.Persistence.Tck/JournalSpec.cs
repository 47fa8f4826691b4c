using System.Collections.Immutable;
using ActorStream.Persistence.Journal;
using ActorStream.Serialization;
using Xunit;

namespace ActorStream.Persistence.Tck;

/// <summary>
/// The contract every journal plugin must pass (Akka's JournalSpec, extended with rejection vs
/// failure, concurrency, large payloads and ordering-key lookups). Derive a test class, implement
/// <see cref="CreateJournalAsync"/> (return a started journal on fresh or isolated storage) and
/// override <see cref="BreakStorageAsync"/> when the plugin can simulate a broken connection.
/// xUnit creates one instance per test, so every test gets its own journal.
/// </summary>
public abstract partial class JournalSpec : IAsyncLifetime
{
    private AsyncWriteJournal? _journal;

    /// <summary>The journal under test.</summary>
    protected AsyncWriteJournal Journal => _journal ?? throw new InvalidOperationException("Journal not created.");

    /// <summary>The registry the journal writes with (see <see cref="SpecSerialization"/>).</summary>
    protected SerializationRegistry Serialization { get; } = SpecSerialization.Create();

    /// <summary>A writer guid for the events of this test.</summary>
    protected string WriterGuid { get; } = Guid.NewGuid().ToString();

    /// <inheritdoc />
    public async Task InitializeAsync() => _journal = await CreateJournalAsync(Serialization).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_journal is not null)
        {
            await _journal.DisposeAsync().ConfigureAwait(false);
        }

        await CleanupAsync().ConfigureAwait(false);
    }

    /// <summary>Creates and starts the journal under test on storage no other test sees.</summary>
    protected abstract Task<AsyncWriteJournal> CreateJournalAsync(SerializationRegistry serialization);

    /// <summary>Removes the test's storage after the journal was disposed.</summary>
    protected virtual Task CleanupAsync() => Task.CompletedTask;

    /// <summary>
    /// Puts the journal in a state where writes cannot reach storage (the outcome is unknown); the
    /// default disposes it (a closed connection).
    /// </summary>
    protected virtual Task BreakStorageAsync(AsyncWriteJournal journal) => journal.DisposeAsync().AsTask();

    /// <summary>A persistence id no other test uses.</summary>
    protected static string NewPersistenceId(string prefix = "p") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>An event with a string payload "{pid}-{seq}".</summary>
    protected Persistent Event(string persistenceId, long sequenceNr, object? payload = null, EventOrdering? ordering = null) =>
        new(payload ?? $"{persistenceId}-{sequenceNr}", sequenceNr, persistenceId, WriterGuid: WriterGuid, Ordering: ordering);

    /// <summary>A single-event AtomicWrite per sequence nr in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    protected List<AtomicWrite> Writes(string persistenceId, long from, long to)
    {
        var writes = new List<AtomicWrite>();
        for (var seq = from; seq <= to; seq++)
        {
            writes.Add(new AtomicWrite(Event(persistenceId, seq)));
        }

        return writes;
    }

    /// <summary>Writes single-event AtomicWrites from..to and asserts that all were stored.</summary>
    protected async Task WriteAsync(string persistenceId, long from, long to)
    {
        var result = await Journal.WriteMessagesAsync(Writes(persistenceId, from, to)).ConfigureAwait(false);
        AssertAllStored(result);
    }

    /// <summary>Replays and returns the events.</summary>
    protected async Task<List<IPersistentRepresentation>> ReplayAsync(string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var replayed = new List<IPersistentRepresentation>();
        await Journal.ReplayMessagesAsync(persistenceId, from, to, max, e =>
        {
            lock (replayed)
            {
                replayed.Add(e);
            }
        }).ConfigureAwait(false);
        return replayed;
    }

    /// <summary>The journal's index lookups; every plugin under this spec implements them.</summary>
    protected IOrderedEventJournal Ordered =>
        Journal as IOrderedEventJournal ?? throw new InvalidOperationException($"{Journal.GetType().Name} does not implement {nameof(IOrderedEventJournal)}.");

    /// <summary>Asserts a write result that says every AtomicWrite was stored.</summary>
    protected static void AssertAllStored(IImmutableList<Exception?>? result)
    {
        if (result is null)
        {
            return;
        }

        foreach (var e in result)
        {
            Assert.Null(e);
        }
    }

    /// <summary>Asserts <paramref name="events"/> are exactly sequence nrs from..to of the string events.</summary>
    protected static void AssertSequence(IReadOnlyList<IPersistentRepresentation> events, string persistenceId, long from, long to)
    {
        Assert.Equal(to - from + 1, events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var expected = from + i;
            Assert.Equal(expected, events[i].SequenceNr);
            Assert.Equal(persistenceId, events[i].PersistenceId);
            Assert.Equal($"{persistenceId}-{expected}", events[i].Payload);
        }
    }
}
