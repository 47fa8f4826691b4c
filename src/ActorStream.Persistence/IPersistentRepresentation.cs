namespace ActorStream.Persistence;

/// <summary>
/// One journal event as the storage SPI sees it (Akka's <c>IPersistentRepresentation</c> without a
/// sender). Implementations are immutable.
/// </summary>
public interface IPersistentRepresentation
{
    /// <summary>The event itself; serialized through the journal's serialization registry.</summary>
    object Payload { get; }

    /// <summary>The persistent actor that wrote the event.</summary>
    string PersistenceId { get; }

    /// <summary>Sequence number within <see cref="PersistenceId"/>, starting at 1, dense per id.</summary>
    long SequenceNr { get; }

    /// <summary>
    /// On write: an event-adapter manifest or empty. On replay: the serializer manifest the payload
    /// was stored with.
    /// </summary>
    string Manifest { get; }

    /// <summary>Identifies the writer incarnation (a new value per actor start).</summary>
    string WriterGuid { get; }

    /// <summary>Unix epoch milliseconds; a journal stamps it at write time when it is 0.</summary>
    long Timestamp { get; }

    /// <summary>Optional broker ordering key indexed by ordered journals.</summary>
    EventOrdering? Ordering { get; }

    /// <summary>True for an event that was logically deleted (never replayed by our journals).</summary>
    bool IsDeleted { get; }

    /// <summary>A copy with another payload.</summary>
    IPersistentRepresentation WithPayload(object payload);

    /// <summary>A copy with another timestamp (Unix epoch milliseconds).</summary>
    IPersistentRepresentation WithTimestamp(long timestamp);
}
