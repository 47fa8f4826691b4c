namespace ActorStream.Client.Admin;

/// <summary>Which offset ListOffsetsAsync looks up. Immutable.</summary>
public sealed class OffsetSpec
{
    private OffsetSpec(long value) => Value = value;

    /// <summary>The ListOffsets timestamp field: -2 earliest, -1 latest, -3 max timestamp, or a timestamp in ms.</summary>
    public long Value { get; }

    /// <summary>The log start offset.</summary>
    public static OffsetSpec Earliest() => new(-2);

    /// <summary>The log end offset (high watermark; last stable offset for ReadCommitted).</summary>
    public static OffsetSpec Latest() => new(-1);

    /// <summary>The offset of the record with the largest timestamp (ListOffsets v7+).</summary>
    public static OffsetSpec MaxTimestamp() => new(-3);

    /// <summary>The first offset whose record timestamp is at least <paramref name="timestamp"/> (ms since the epoch).</summary>
    /// <param name="timestamp">Milliseconds since the Unix epoch.</param>
    public static OffsetSpec ForTimestamp(long timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        return new OffsetSpec(timestamp);
    }

    /// <summary>"Earliest", "Latest", "MaxTimestamp" or "ForTimestamp(…)".</summary>
    public override string ToString() => Value switch
    {
        -2 => "Earliest",
        -1 => "Latest",
        -3 => "MaxTimestamp",
        _ => $"ForTimestamp({Value})",
    };
}
