using System.Buffers;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Client.Producing;

/// <summary>
/// A per-thread scratch buffer the producer serializes keys and values into before the record is
/// copied into its batch, plus room for the record's header entries. Rented and returned around
/// each produce call (a call that must wait keeps it across the wait; the thread then gets a fresh
/// one), so the steady state allocates nothing. Not thread-safe: one user at a time.
/// </summary>
internal sealed class SerializationBuffer : IBufferWriter<byte>
{
    private const int MaxRetainedBytes = 1024 * 1024;

    [ThreadStatic]
    private static SerializationBuffer? s_cached;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private RecordHeaderEntry[] _headers = new RecordHeaderEntry[4];
    private int _written;

    public int WrittenCount => _written;

    public static SerializationBuffer Rent()
    {
        var buffer = s_cached ?? new SerializationBuffer();
        s_cached = null;
        buffer._written = 0;
        return buffer;
    }

    public static void Return(SerializationBuffer buffer)
    {
        Array.Clear(buffer._headers);
        if (buffer._buffer.Length > MaxRetainedBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer._buffer);
            buffer._buffer = ArrayPool<byte>.Shared.Rent(4096);
        }

        s_cached = buffer;
    }

    /// <summary>The bytes written from <paramref name="start"/>, <paramref name="length"/> long (valid until the next write).</summary>
    public ReadOnlyMemory<byte> Slice(int start, int length) => _buffer.AsMemory(start, length);

    /// <summary>An array for <paramref name="count"/> header entries.</summary>
    public Span<RecordHeaderEntry> Headers(int count)
    {
        if (_headers.Length < count)
        {
            _headers = new RecordHeaderEntry[Math.Max(count, _headers.Length * 2)];
        }

        return _headers.AsSpan(0, count);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        sizeHint = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + sizeHint));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
