using System.Collections.Concurrent;
using System.Collections.Immutable;
using ActorStream.Configuration;
using ActorStream.Persistence;
using ActorStream.Persistence.Journal;

namespace ActorStream.Broker.Tests.Partitions;

/// <summary>
/// The in-memory journal with faults switched on per plugin <c>id</c>: failed writes, rejected
/// writes, and writes held until released. Thread-safe.
/// </summary>
public sealed class ControllableJournal : AsyncWriteJournal, IOrderedEventJournal
{
    private static readonly ConcurrentDictionary<string, Controls> s_controls = new(StringComparer.Ordinal);
    private readonly MemoryJournal _inner;
    private readonly Controls _controls;

    public ControllableJournal(MemoryJournal inner, Controls controls)
    {
        _inner = inner;
        _controls = controls;
    }

    public static Controls For(string id) => s_controls.GetOrAdd(id, _ => new Controls());

    public override async Task<IImmutableList<Exception?>?> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken = default)
    {
        var writes = messages.ToList();
        if (_controls.TakeFail())
        {
            throw new IOException("simulated storage failure");
        }

        if (_controls.TakeReject())
        {
            return writes.Select(_ => (Exception?)new InvalidOperationException("simulated rejection")).ToImmutableList();
        }

        var gate = _controls.Gate;
        if (gate is not null)
        {
            await gate.Task.ConfigureAwait(false);
        }

        return await _inner.WriteMessagesAsync(writes, cancellationToken).ConfigureAwait(false);
    }

    public override Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback, CancellationToken cancellationToken = default)
        => _inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken);

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
        => _inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
        => _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public Task<EventPosition?> FindByOffsetAsync(string persistenceId, long offset, CancellationToken cancellationToken = default)
        => _inner.FindByOffsetAsync(persistenceId, offset, cancellationToken);

    public Task<EventPosition?> FindByTimestampAsync(string persistenceId, long timestampMs, CancellationToken cancellationToken = default)
        => _inner.FindByTimestampAsync(persistenceId, timestampMs, cancellationToken);

    /// <summary>The switches of one journal instance.</summary>
    public sealed class Controls
    {
        private int _failNext;
        private int _rejectNext;

        /// <summary>The next write fails (outcome unknown).</summary>
        public void FailNextWrite() => Volatile.Write(ref _failNext, 1);

        /// <summary>The next write is rejected.</summary>
        public void RejectNextWrite() => Volatile.Write(ref _rejectNext, 1);

        public bool TakeFail() => Interlocked.Exchange(ref _failNext, 0) == 1;

        public bool TakeReject() => Interlocked.Exchange(ref _rejectNext, 0) == 1;

        /// <summary>While set, writes wait for it (then run).</summary>
        public TaskCompletionSource? Gate { get; set; }
    }

    /// <summary>Builds the journal from its HOCON section (key <c>id</c> selects the controls).</summary>
    public sealed class Provider : IJournalProvider
    {
        public AsyncWriteJournal Create(Config pluginConfig, PersistencePluginContext context)
            => new ControllableJournal(new MemoryJournal(context.Serialization), For(pluginConfig.GetString("id")!));
    }
}
