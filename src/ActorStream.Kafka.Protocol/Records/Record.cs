namespace ActorStream.Kafka.Protocol.Records;

/// <summary>
/// One record inside a RecordBatch v2, as spans over the batch's bytes (no copies).
/// <code>
/// length varint | attributes int8 | timestampDelta varlong | offsetDelta varint
/// keyLength varint (-1 = null) | key | valueLength varint (-1 = null) | value
/// headerCount varint | headers: keyLength varint, key UTF-8, valueLength varint (-1 = null), value
/// </code>
/// </summary>
public readonly ref struct Record
{
    internal Record(sbyte attributes, long timestampDelta, int offsetDelta, ReadOnlySpan<byte> key, bool isKeyNull,
        ReadOnlySpan<byte> value, bool isValueNull, int headerCount, ReadOnlySpan<byte> headersData)
    {
        Attributes = attributes;
        TimestampDelta = timestampDelta;
        OffsetDelta = offsetDelta;
        Key = key;
        IsKeyNull = isKeyNull;
        Value = value;
        IsValueNull = isValueNull;
        HeaderCount = headerCount;
        HeadersData = headersData;
    }

    /// <summary>Record attributes (unused by Kafka, 0).</summary>
    public sbyte Attributes { get; }

    /// <summary>Record timestamp minus the batch's baseTimestamp, in ms.</summary>
    public long TimestampDelta { get; }

    /// <summary>Record offset minus the batch's baseOffset.</summary>
    public int OffsetDelta { get; }

    public ReadOnlySpan<byte> Key { get; }

    public bool IsKeyNull { get; }

    public ReadOnlySpan<byte> Value { get; }

    /// <summary>True for a tombstone.</summary>
    public bool IsValueNull { get; }

    public int HeaderCount { get; }

    /// <summary>The encoded headers (after the count).</summary>
    public ReadOnlySpan<byte> HeadersData { get; }

    /// <summary>Iterates the headers without allocating.</summary>
    public RecordHeaderReader Headers => new(HeadersData, HeaderCount);
}
