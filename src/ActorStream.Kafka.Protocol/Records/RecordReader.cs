using System.Runtime.CompilerServices;

namespace ActorStream.Kafka.Protocol.Records;

/// <summary>
/// Allocation-free enumerator over the records of an uncompressed batch's records area
/// (foreach-able). Each record is checked against its length prefix, and bytes left after the
/// last record are an error, as in Kafka. Malformed data raises
/// <see cref="KafkaProtocolException"/>. For validation, tests and the client; the broker never
/// decodes records on the produce or fetch path. Not thread-safe.
/// </summary>
public ref struct RecordReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _count;
    private int _position;
    private int _read;
    private Record _current;

    /// <summary>Creates a reader over <paramref name="recordsData"/> holding <paramref name="recordCount"/> records.</summary>
    public RecordReader(ReadOnlySpan<byte> recordsData, int recordCount)
    {
        if (recordCount < 0)
        {
            ThrowHelper.ThrowMalformed($"Negative record count {recordCount}.");
        }

        _data = recordsData;
        _count = recordCount;
        _position = 0;
        _read = 0;
        _current = default;
    }

    public readonly Record Current => _current;

    public readonly RecordReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_read >= _count)
        {
            if (_position != _data.Length)
            {
                ThrowHelper.ThrowMalformed($"{_data.Length - _position} bytes follow the last record.");
            }

            return false;
        }

        int length = ReadVarInt(_data, ref _position);
        if (length < 0 || length > _data.Length - _position)
        {
            ThrowHelper.ThrowMalformed($"Record length {length} does not fit the batch.");
        }

        var body = _data.Slice(_position, length);
        _position += length;
        int p = 0;
        if (body.IsEmpty)
        {
            ThrowHelper.ThrowTruncated();
        }

        sbyte attributes = (sbyte)body[p++];
        long timestampDelta = ReadVarLong(body, ref p);
        int offsetDelta = ReadVarInt(body, ref p);
        var key = ReadVarBytes(body, ref p, out bool keyNull);
        var value = ReadVarBytes(body, ref p, out bool valueNull);
        int headerCount = ReadVarInt(body, ref p);
        if (headerCount < 0)
        {
            ThrowHelper.ThrowMalformed($"Negative header count {headerCount}.");
        }

        var headersData = body[p..];

        // Walk the headers once so that a malformed record fails here, not in the consumer.
        int h = 0;
        for (int i = 0; i < headerCount; i++)
        {
            ReadVarBytes(headersData, ref h, out bool headerKeyNull);
            if (headerKeyNull)
            {
                ThrowHelper.ThrowMalformed("Record header key is null.");
            }

            ReadVarBytes(headersData, ref h, out _);
        }

        if (h != headersData.Length)
        {
            ThrowHelper.ThrowMalformed("Record length does not match its fields.");
        }

        _current = new Record(attributes, timestampDelta, offsetDelta, key, keyNull, value, valueNull, headerCount, headersData);
        _read++;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ReadVarInt(ReadOnlySpan<byte> data, scoped ref int position)
    {
        int n = VarInt.TryRead(data[position..], out int value);
        if (n <= 0)
        {
            ThrowVarInt(n);
        }

        position += n;
        return value;
    }

    internal static long ReadVarLong(ReadOnlySpan<byte> data, scoped ref int position)
    {
        int n = VarInt.TryRead(data[position..], out long value);
        if (n <= 0)
        {
            ThrowVarInt(n);
        }

        position += n;
        return value;
    }

    /// <summary>Reads varint length + bytes; length -1 = null (returns an empty span).</summary>
    internal static ReadOnlySpan<byte> ReadVarBytes(ReadOnlySpan<byte> data, scoped ref int position, out bool isNull)
    {
        int length = ReadVarInt(data, ref position);
        if (length == -1)
        {
            isNull = true;
            return default;
        }

        if (length < -1 || length > data.Length - position)
        {
            ThrowHelper.ThrowMalformed($"Record field length {length} does not fit the record.");
        }

        isNull = false;
        var slice = data.Slice(position, length);
        position += length;
        return slice;
    }

    private static void ThrowVarInt(int n)
    {
        if (n == 0)
        {
            ThrowHelper.ThrowTruncated();
        }

        ThrowHelper.ThrowMalformed("Varint is too long.");
    }
}
