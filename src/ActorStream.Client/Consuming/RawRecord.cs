namespace ActorStream.Client.Consuming;

/// <summary>
/// One record as it sits in a fetched batch: slices of the fetch response (or of a decompressed
/// batch), decoded only as far as locating its fields. Deserializers read the slices directly.
/// </summary>
internal readonly struct RawRecord
{
    public RawRecord(long offset, int leaderEpoch, long timestamp, TimestampType timestampType,
        ReadOnlyMemory<byte> key, bool keyIsNull, ReadOnlyMemory<byte> value, bool valueIsNull, ReadOnlyMemory<byte> headers, int headerCount)
    {
        Offset = offset;
        LeaderEpoch = leaderEpoch;
        Timestamp = timestamp;
        TimestampType = timestampType;
        Key = key;
        KeyIsNull = keyIsNull;
        Value = value;
        ValueIsNull = valueIsNull;
        Headers = headers;
        HeaderCount = headerCount;
    }

    public long Offset { get; }

    public int LeaderEpoch { get; }

    /// <summary>Milliseconds since the Unix epoch.</summary>
    public long Timestamp { get; }

    public TimestampType TimestampType { get; }

    public ReadOnlyMemory<byte> Key { get; }

    public bool KeyIsNull { get; }

    public ReadOnlyMemory<byte> Value { get; }

    public bool ValueIsNull { get; }

    /// <summary>The encoded headers (after their count).</summary>
    public ReadOnlyMemory<byte> Headers { get; }

    public int HeaderCount { get; }
}
