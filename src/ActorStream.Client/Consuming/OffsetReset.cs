namespace ActorStream.Client.Consuming;

/// <summary>How a partition without a usable position gets one.</summary>
internal enum OffsetReset
{
    /// <summary>The partition has a position (or failed: see <see cref="PartitionState.Failure"/>).</summary>
    None,

    /// <summary>Ask the group for its committed offset, and fall back to auto.offset.reset when there is none.</summary>
    Committed,

    /// <summary>ListOffsets for the log start offset.</summary>
    Earliest,

    /// <summary>ListOffsets for the log end offset.</summary>
    Latest,
}
