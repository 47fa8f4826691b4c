namespace ActorStream.Kafka.Protocol.Records;

/// <summary>Allocation-free enumerator of a record's headers (foreach-able). Not thread-safe.</summary>
public ref struct RecordHeaderReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _count;
    private int _position;
    private int _read;
    private RecordHeader _current;

    internal RecordHeaderReader(ReadOnlySpan<byte> data, int count)
    {
        _data = data;
        _count = count;
        _position = 0;
        _read = 0;
        _current = default;
    }

    public readonly RecordHeader Current => _current;

    public readonly RecordHeaderReader GetEnumerator() => this;

    /// <summary>Moves to the next header; throws <see cref="KafkaProtocolException"/> on malformed bytes.</summary>
    public bool MoveNext()
    {
        if (_read >= _count)
        {
            return false;
        }

        var key = RecordReader.ReadVarBytes(_data, ref _position, out bool keyNull);
        if (keyNull)
        {
            ThrowHelper.ThrowMalformed("Record header key is null.");
        }

        var value = RecordReader.ReadVarBytes(_data, ref _position, out bool valueNull);
        _current = new RecordHeader(key, value, valueNull);
        _read++;
        return true;
    }
}
