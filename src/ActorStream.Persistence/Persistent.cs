namespace ActorStream.Persistence;

/// <summary>
/// The default <see cref="IPersistentRepresentation"/>: an immutable record, so copies are made
/// with <c>with</c> expressions. Thread-safe because immutable.
/// </summary>
public sealed record Persistent(
    object Payload,
    long SequenceNr,
    string PersistenceId,
    string Manifest = "",
    string WriterGuid = "",
    long Timestamp = 0,
    EventOrdering? Ordering = null,
    bool IsDeleted = false) : IPersistentRepresentation
{
    /// <summary>
    /// The ordering key to index: <see cref="Ordering"/> when set, else the payload's own key when it
    /// implements <see cref="IHasOrderingKey"/>, else none.
    /// </summary>
    public static EventOrdering? OrderingOf(IPersistentRepresentation representation) =>
        representation.Ordering ?? (representation.Payload is IHasOrderingKey keyed ? keyed.OrderingKey : null);

    /// <inheritdoc />
    public IPersistentRepresentation WithPayload(object payload) => this with { Payload = payload };

    /// <inheritdoc />
    public IPersistentRepresentation WithTimestamp(long timestamp) => this with { Timestamp = timestamp };
}
