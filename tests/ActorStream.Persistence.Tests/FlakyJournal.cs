using System.Collections.Concurrent;
using System.Collections.Immutable;
using ActorStream.Configuration;
using ActorStream.Persistence.Journal;

namespace ActorStream.Persistence.Tests;

/// <summary>
/// A journal for specs: the in-memory journal plus faults switched on per test (by the plugin's
/// <c>id</c> key): failing or rejecting writes, failing replays a number of times.
/// </summary>
public sealed class FlakyJournal : AsyncWriteJournal
{
    private static readonly ConcurrentDictionary<string, Faults> s_faults = new(StringComparer.Ordinal);
    private readonly MemoryJournal _inner;
    private readonly Faults _faults;

    public FlakyJournal(MemoryJournal inner, Faults faults)
    {
        _inner = inner;
        _faults = faults;
    }

    public static Faults For(string id) => s_faults.GetOrAdd(id, _ => new Faults());

    public override Task<IImmutableList<Exception?>?> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken = default)
    {
        var writes = messages.ToList();
        if (writes.Exists(w => w.Payload.Any(p => p.Payload is string s && s.Contains("fail", StringComparison.Ordinal))))
        {
            return Task.FromException<IImmutableList<Exception?>?>(new IOException("simulated storage failure"));
        }

        var rejections = writes.Select(w => w.Payload.Any(p => p.Payload is string s && s.Contains("reject", StringComparison.Ordinal))
            ? new InvalidOperationException("simulated rejection") : null).ToList();
        if (rejections.TrueForAll(r => r is null))
        {
            return _inner.WriteMessagesAsync(writes, cancellationToken);
        }

        var accepted = writes.Where((_, i) => rejections[i] is null).ToList();
        return WriteAcceptedAsync(accepted, rejections, cancellationToken);
    }

    private async Task<IImmutableList<Exception?>?> WriteAcceptedAsync(List<AtomicWrite> accepted, List<InvalidOperationException?> rejections, CancellationToken cancellationToken)
    {
        if (accepted.Count > 0)
        {
            await _inner.WriteMessagesAsync(accepted, cancellationToken);
        }

        return rejections.Cast<Exception?>().ToImmutableList();
    }

    public override Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback, CancellationToken cancellationToken = default)
    {
        if (_faults.TakeReplayFailure())
        {
            return Task.FromException(new IOException("simulated replay failure"));
        }

        _faults.CountReplay();
        return ReplayTrackedAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken);
    }

    private async Task ReplayTrackedAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback, CancellationToken cancellationToken)
    {
        _faults.EnterReplay();
        try
        {
            await Task.Yield();
            await _inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, recoveryCallback, cancellationToken);
        }
        finally
        {
            _faults.ExitReplay();
        }
    }

    /// <summary>The first step of every recovery: faults and the concurrency count apply here too.</summary>
    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        if (_faults.TakeReplayFailure())
        {
            throw new IOException("simulated failure reading the highest sequence nr");
        }

        _faults.EnterReplay();
        try
        {
            await Task.Yield();
            await _faults.ReplayGate;
            return await _inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
        }
        finally
        {
            _faults.ExitReplay();
        }
    }

    public override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
        => _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    /// <summary>Fault switches shared between a test and its journal.</summary>
    public sealed class Faults
    {
        private int _replayFailuresLeft;
        private int _replays;

        public int Replays => Volatile.Read(ref _replays);

        public void FailNextReplays(int count) => Interlocked.Exchange(ref _replayFailuresLeft, count);

        internal bool TakeReplayFailure() => Interlocked.Decrement(ref _replayFailuresLeft) >= 0;

        internal void CountReplay() => Interlocked.Increment(ref _replays);

        private int _concurrentReplays;
        private int _maxConcurrentReplays;
        private TaskCompletionSource? _gate;

        /// <summary>Completed unless <see cref="HoldReplays"/> is in force: recoveries wait on it.</summary>
        internal Task ReplayGate => Volatile.Read(ref _gate)?.Task ?? Task.CompletedTask;

        /// <summary>Makes every recovery wait (holding its permit) until <see cref="LetReplaysRun"/>.</summary>
        public void HoldReplays() => Volatile.Write(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public void LetReplaysRun() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

        /// <summary>The most replays that ran at the same time.</summary>
        public int MaxConcurrentReplays => Volatile.Read(ref _maxConcurrentReplays);

        internal void EnterReplay()
        {
            var now = Interlocked.Increment(ref _concurrentReplays);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxConcurrentReplays)) && Interlocked.CompareExchange(ref _maxConcurrentReplays, now, seen) != seen)
            {
            }
        }

        internal void ExitReplay() => Interlocked.Decrement(ref _concurrentReplays);
    }

    /// <summary>Builds the journal from its section: <c>id</c> picks the fault switches.</summary>
    public sealed class Provider : IJournalProvider
    {
        public AsyncWriteJournal Create(Config pluginConfig, PersistencePluginContext context)
            => new FlakyJournal(new MemoryJournal(context.Serialization), For(pluginConfig.GetString("id", "default")!));
    }
}
