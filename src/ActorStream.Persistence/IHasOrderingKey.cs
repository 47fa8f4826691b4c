namespace ActorStream.Persistence;

/// <summary>
/// Implemented by event payloads that carry their own broker ordering key (for example a record
/// batch that knows its base offset, last offset and max timestamp). A journal that implements
/// <see cref="Journal.IOrderedEventJournal"/> stores the key with the event when the representation
/// itself has no <see cref="IPersistentRepresentation.Ordering"/>.
/// </summary>
public interface IHasOrderingKey
{
    /// <summary>The ordering key to index the event under.</summary>
    EventOrdering OrderingKey { get; }
}
