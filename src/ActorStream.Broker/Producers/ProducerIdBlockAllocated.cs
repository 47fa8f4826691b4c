namespace ActorStream.Broker.Producers;

/// <summary>
/// The journal event of <see cref="ProducerIdManagerActor"/>: ids <paramref name="FirstId"/> ..
/// <paramref name="FirstId"/> + <paramref name="Size"/> - 1 are reserved. Only the latest block matters
/// at recovery: every id below its end counts as used. Immutable.
/// </summary>
public sealed record ProducerIdBlockAllocated(long FirstId, int Size)
{
    /// <summary>The first id after the block.</summary>
    public long End => FirstId + Size;
}
