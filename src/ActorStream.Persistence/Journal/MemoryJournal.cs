using System.Collections.Concurrent;
using System.Collections.Immutable;
using ActorStream.Serialization;

namespace ActorStream.Persistence.Journal;

/// <summary>
/// A journal kept in process memory (the default plugin for tests and single-process runs). With a
/// <see cref="SerializationRegistry"/> every event is serialized on write and deserialized on replay,
/// so unserializable events are rejected exactly as a durable journal would reject them; without one
/// events are stored as the objects they are.
/// <para>Thread-safe: one lock per persistence id guards its events, so ids never contend; writes of
/// one id become visible in call order. Nothing survives the process.</para>
/// </summary>
public sealed class MemoryJournal : AsyncWriteJournal, IOrderedEventJournal
{
    internal const int ReplayChunk = 1024;

    private readonly ConcurrentDictionary<string, EventLog> _logs = new(StringComparer.Ordinal);
    private readonly SerializationRegistry? _serialization;
    private readonly TimeProvider _timeProvider;
    private volatile bool _disposed;

    /// <summary>Creates an empty journal.</summary>
    /// <param name="serialization">Serialize events through this registry; <c>null</c> stores objects as they are.</param>
    /// <param name="timeProvider">Stamps events written with timestamp 0; defaults to the system clock.</param>
    public MemoryJournal(SerializationRegistry? serialization = null, TimeProvider? timeProvider = null)
    {
        _serialization = serialization;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public override Task<IImmutableList<Exception?>?> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return Task.FromException<IImmutableList<Exception?>?>(Disposed());
        }

        ArgumentNullException.ThrowIfNull(messages);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        List<Exception?>? results = null;
        var index = 0;
        foreach (var write in messages)
        {
            var error = TryStore(write, now);
            if (error is not null && results is null)
            {
                results = new List<Exception?>(index + 1);
                for (var i = 0; i < index; i++)
                {
                    results.Add(null);
                }
            }

            results?.Add(error);
            index++;
        }

        return Task.FromResult<IImmutableList<Exception?>?>(results?.ToImmutableList());
    }

    /// <inheritdoc />
    public override Task ReplayMessagesAsync(
        string persistenceId,
        long fromSequenceNr,
        long toSequenceNr,
        long max,
        Action<IPersistentRepresentation> recoveryCallback,
        CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return Task.FromException(Disposed());
        }

        if (max <= 0 || toSequenceNr < fromSequenceNr || !_logs.TryGetValue(persistenceId, out var log))
        {
            return Task.CompletedTask;
        }

        try
        {
            var chunk = new Entry[(int)Math.Min(max, ReplayChunk)];
            var next = fromSequenceNr;
            var remaining = max;
            while (remaining > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count;
                lock (log)
                {
                    count = log.Copy(next, toSequenceNr, chunk, (int)Math.Min(remaining, chunk.Length));
                }

                for (var i = 0; i < count; i++)
                {
                    recoveryCallback(ToRepresentation(persistenceId, chunk[i]));
                }

                if (count < chunk.Length || count == 0)
                {
                    break;
                }

                remaining -= count;
                next = chunk[count - 1].SequenceNr + 1;
                Array.Clear(chunk);
            }

            return Task.CompletedTask;
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }

    /// <inheritdoc />
    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return Task.FromException<long>(Disposed());
        }

        if (!_logs.TryGetValue(persistenceId, out var log))
        {
            return Task.FromResult(0L);
        }

        lock (log)
        {
            return Task.FromResult(log.Highest);
        }
    }

    /// <inheritdoc />
    public override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return Task.FromException(Disposed());
        }

        if (_logs.TryGetValue(persistenceId, out var log))
        {
            lock (log)
            {
                log.DeleteTo(toSequenceNr);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<EventPosition?> FindByOffsetAsync(string persistenceId, long offset, CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return Task.FromException<EventPosition?>(Disposed());
        }

        if (!_logs.TryGetValue(persistenceId, out var log))
        {
            return Task.FromResult<EventPosition?>(null);
        }

        lock (log)
        {
            return Task.FromResult(log.FindByOffset(offset));
        }
    }

    /// <inheritdoc />
    public Task<EventPosition?> FindByTimestampAsync(string persistenceId, long timestampMs, CancellationToken cancellationToken = default)
    {
        if (_disposed)
        {
            return Task.FromException<EventPosition?>(Disposed());
        }

        if (!_logs.TryGetValue(persistenceId, out var log))
        {
            return Task.FromResult<EventPosition?>(null);
        }

        lock (log)
        {
            return Task.FromResult(log.FindByTimestamp(timestampMs));
        }
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        _disposed = true;
        _logs.Clear();
        return base.DisposeAsync();
    }

    private static ObjectDisposedException Disposed() => new(nameof(MemoryJournal), "The journal was disposed.");

    private Exception? TryStore(AtomicWrite write, long now)
    {
        var entries = new Entry[write.Size];
        try
        {
            for (var i = 0; i < entries.Length; i++)
            {
                var e = write.Payload[i];
                var ts = e.Timestamp == 0 ? now : e.Timestamp;
                var ordering = Persistent.OrderingOf(e);
                if (_serialization is null)
                {
                    entries[i] = new Entry(e.SequenceNr, e.Manifest, e.WriterGuid, ts, ordering, e.Payload, null, 0);
                }
                else
                {
                    var serialized = _serialization.Serialize(e.Payload);

                    // The caller's memory is only lent until the ack, so the bytes are copied here.
                    entries[i] = new Entry(e.SequenceNr, serialized.Manifest, e.WriterGuid, ts, ordering, null, serialized.Bytes.ToArray(), serialized.SerializerId);
                }
            }
        }
        catch (Exception ex)
        {
            return ex;
        }

        var log = _logs.GetOrAdd(write.PersistenceId, static _ => new EventLog());
        lock (log)
        {
            return log.TryAppend(entries)
                ? null
                : new WriteRejectedException(
                    $"Sequence nrs {write.LowestSequenceNr}..{write.HighestSequenceNr} of '{write.PersistenceId}' are already stored.");
        }
    }

    private Persistent ToRepresentation(string persistenceId, in Entry entry)
    {
        var payload = entry.Bytes is null ? entry.Payload! : _serialization!.Deserialize(entry.Bytes, entry.SerializerId, entry.Manifest);
        return new Persistent(payload, entry.SequenceNr, persistenceId, entry.Manifest, entry.WriterGuid, entry.Timestamp, entry.Ordering);
    }

    private readonly record struct Entry(
        long SequenceNr,
        string Manifest,
        string WriterGuid,
        long Timestamp,
        EventOrdering? Ordering,
        object? Payload,
        byte[]? Bytes,
        int SerializerId);

    private readonly record struct OrderedEntry(long SequenceNr, EventOrdering Ordering, long PrefixMaxTimestamp);

    /// <summary>The events of one persistence id. Not thread-safe: callers lock the instance.</summary>
    private sealed class EventLog
    {
        private readonly List<Entry> _events = [];
        private readonly List<OrderedEntry> _ordered = [];

        public long Highest { get; private set; }

        public bool TryAppend(Entry[] entries)
        {
            var lowest = entries[0].SequenceNr;
            var highest = entries[^1].SequenceNr;
            var appendAtEnd = _events.Count == 0 || lowest > _events[^1].SequenceNr;
            if (!appendAtEnd)
            {
                var at = LowerBound(lowest);
                if (at < _events.Count && _events[at].SequenceNr <= highest)
                {
                    return false;
                }

                _events.InsertRange(at, entries);
                RebuildOrdered();
            }
            else
            {
                _events.AddRange(entries);
                foreach (var e in entries)
                {
                    if (e.Ordering is { } o)
                    {
                        var prefix = _ordered.Count == 0 ? o.MaxTimestamp : Math.Max(_ordered[^1].PrefixMaxTimestamp, o.MaxTimestamp);
                        _ordered.Add(new OrderedEntry(e.SequenceNr, o, prefix));
                    }
                }
            }

            Highest = Math.Max(Highest, highest);
            return true;
        }

        public int Copy(long from, long to, Entry[] into, int limit)
        {
            var count = 0;
            for (var i = LowerBound(from); i < _events.Count && count < limit; i++)
            {
                var e = _events[i];
                if (e.SequenceNr > to)
                {
                    break;
                }

                into[count++] = e;
            }

            return count;
        }

        public void DeleteTo(long toSequenceNr)
        {
            var end = toSequenceNr == long.MaxValue ? _events.Count : LowerBound(toSequenceNr + 1);
            if (end > 0)
            {
                _events.RemoveRange(0, end);
                RebuildOrdered();
            }
        }

        public EventPosition? FindByOffset(long offset)
        {
            int lo = 0, hi = _ordered.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_ordered[mid].Ordering.LastOffset < offset)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo < _ordered.Count ? new EventPosition(_ordered[lo].SequenceNr, _ordered[lo].Ordering) : null;
        }

        public EventPosition? FindByTimestamp(long timestampMs)
        {
            int lo = 0, hi = _ordered.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_ordered[mid].PrefixMaxTimestamp < timestampMs)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo < _ordered.Count ? new EventPosition(_ordered[lo].SequenceNr, _ordered[lo].Ordering) : null;
        }

        private int LowerBound(long sequenceNr)
        {
            int lo = 0, hi = _events.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_events[mid].SequenceNr < sequenceNr)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }

        private void RebuildOrdered()
        {
            _ordered.Clear();
            var prefix = long.MinValue;
            foreach (var e in _events)
            {
                if (e.Ordering is { } o)
                {
                    prefix = Math.Max(prefix, o.MaxTimestamp);
                    _ordered.Add(new OrderedEntry(e.SequenceNr, o, prefix));
                }
            }
        }
    }
}
