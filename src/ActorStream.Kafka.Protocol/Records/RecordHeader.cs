namespace ActorStream.Kafka.Protocol.Records;

/// <summary>One record header as spans over the batch's bytes. The key is UTF-8 and never null; the value may be null.</summary>
public readonly ref struct RecordHeader
{
    internal RecordHeader(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool isValueNull)
    {
        Key = key;
        Value = value;
        IsValueNull = isValueNull;
    }

    /// <summary>The header key, UTF-8.</summary>
    public ReadOnlySpan<byte> Key { get; }

    public ReadOnlySpan<byte> Value { get; }

    public bool IsValueNull { get; }
}
