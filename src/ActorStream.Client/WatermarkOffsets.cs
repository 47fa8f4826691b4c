namespace ActorStream.Client;

/// <summary>A partition's log start offset (<see cref="Low"/>, inclusive) and high watermark (<see cref="High"/>, exclusive). Immutable.</summary>
/// <param name="Low">The first offset in the log.</param>
/// <param name="High">The offset the next record will get (the high watermark).</param>
public sealed record WatermarkOffsets(Offset Low, Offset High);
