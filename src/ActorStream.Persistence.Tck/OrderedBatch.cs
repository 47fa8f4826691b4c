namespace ActorStream.Persistence.Tck;

/// <summary>A payload that carries its own ordering key, like a broker record batch.</summary>
public sealed record OrderedBatch(long FirstOffset, long LastOffset, long MaxTimestamp, string Body) : IHasOrderingKey
{
    /// <inheritdoc />
    public EventOrdering OrderingKey => new(FirstOffset, LastOffset, MaxTimestamp);
}
