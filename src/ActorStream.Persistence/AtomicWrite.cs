using System.Collections.Immutable;

namespace ActorStream.Persistence;

/// <summary>
/// A batch of events of ONE persistence id that a journal stores all-or-nothing: either every event
/// is stored (and becomes visible at once) or none is. Sequence numbers are contiguous and
/// ascending; the constructor enforces both rules. Immutable.
/// </summary>
public sealed class AtomicWrite
{
    /// <summary>A write of a single event.</summary>
    public AtomicWrite(IPersistentRepresentation @event)
        : this(ImmutableArray.Create(@event))
    {
    }

    /// <summary>A write of one or more events of the same persistence id with contiguous sequence numbers.</summary>
    /// <exception cref="ArgumentException">Empty, mixed persistence ids, or gaps/out-of-order sequence numbers.</exception>
    public AtomicWrite(IImmutableList<IPersistentRepresentation> payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Count == 0)
        {
            throw new ArgumentException("An AtomicWrite needs at least one event.", nameof(payload));
        }

        var first = payload[0];
        for (var i = 1; i < payload.Count; i++)
        {
            var e = payload[i];
            if (!string.Equals(e.PersistenceId, first.PersistenceId, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"An AtomicWrite holds events of one persistence id: '{first.PersistenceId}' and '{e.PersistenceId}' were mixed.",
                    nameof(payload));
            }

            if (e.SequenceNr != first.SequenceNr + i)
            {
                throw new ArgumentException(
                    $"AtomicWrite sequence numbers of '{first.PersistenceId}' must be contiguous: expected {first.SequenceNr + i}, got {e.SequenceNr}.",
                    nameof(payload));
            }
        }

        Payload = payload;
        PersistenceId = first.PersistenceId;
        LowestSequenceNr = first.SequenceNr;
        HighestSequenceNr = payload[payload.Count - 1].SequenceNr;
    }

    /// <summary>The events, in sequence order.</summary>
    public IImmutableList<IPersistentRepresentation> Payload { get; }

    /// <summary>The persistence id every event belongs to.</summary>
    public string PersistenceId { get; }

    /// <summary>Sequence number of the first event (inclusive).</summary>
    public long LowestSequenceNr { get; }

    /// <summary>Sequence number of the last event (inclusive).</summary>
    public long HighestSequenceNr { get; }

    /// <summary>Number of events.</summary>
    public int Size => Payload.Count;
}
