namespace ActorStream.Persistence.Journal;

/// <summary>
/// Where an ordered event sits: its sequence nr in the persistence id and its ordering key. Returned
/// by the index lookups of <see cref="IOrderedEventJournal"/>; replay from <see cref="SequenceNr"/>
/// to read the event itself.
/// </summary>
public readonly record struct EventPosition(long SequenceNr, EventOrdering Ordering);
