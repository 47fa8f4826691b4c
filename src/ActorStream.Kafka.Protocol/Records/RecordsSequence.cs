using System.Buffers;
using System.Runtime.InteropServices;

namespace ActorStream.Kafka.Protocol.Records;

/// <summary>
/// A <c>records</c> field made of several stored pieces (whole record batches kept in different
/// buffers), presented as one <see cref="ReadOnlyMemory{T}"/> of their total length so that it fits
/// the codecs' <c>Records</c> properties. An <see cref="IRecordsSink"/> output takes the pieces by
/// reference (<see cref="TryGetSegments"/>); anything that asks for the span gets a concatenated copy,
/// made once on first use, so every reader still sees the right bytes.
/// </summary>
/// <remarks>
/// The optional lease keeps the pieces' memory from being reused; disposing the manager (the sink does
/// it after writing) releases it, once. Thread-safety: reads may run concurrently; disposal must come
/// after the last read.
/// </remarks>
public sealed class RecordsSequence : MemoryManager<byte>
{
    private readonly ReadOnlyMemory<byte>[] _segments;
    private readonly int _length;
    private IDisposable? _lease;
    private byte[]? _flat;

    private RecordsSequence(ReadOnlyMemory<byte>[] segments, int length, IDisposable? lease)
    {
        _segments = segments;
        _length = length;
        _lease = lease;
    }

    /// <summary>The pieces in order.</summary>
    public ReadOnlySpan<ReadOnlyMemory<byte>> Segments => _segments;

    /// <summary>
    /// The records field over <paramref name="segments"/> (whose lengths add up to
    /// <paramref name="totalLength"/>). Without a lease, no piece and one piece are returned as they
    /// are; otherwise the memory is backed by a new <see cref="RecordsSequence"/>.
    /// </summary>
    public static ReadOnlyMemory<byte> Create(IReadOnlyList<ReadOnlyMemory<byte>> segments, int totalLength, IDisposable? lease = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (lease is null && segments.Count <= 1)
        {
            return segments.Count == 0 ? ReadOnlyMemory<byte>.Empty : segments[0];
        }

        var copy = new ReadOnlyMemory<byte>[segments.Count];
        var length = 0;
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = segments[i];
            length += copy[i].Length;
        }

        if (length != totalLength)
        {
            throw new ArgumentException($"The segments hold {length} bytes, not {totalLength}.", nameof(totalLength));
        }

        return new RecordsSequence(copy, length, lease).Memory;
    }

    /// <summary>
    /// The pieces behind <paramref name="records"/> when it is a whole <see cref="RecordsSequence"/>
    /// (not a slice of one); false for any other memory.
    /// </summary>
    public static bool TryGetSegments(ReadOnlyMemory<byte> records, out RecordsSequence? sequence)
    {
        if (MemoryMarshal.TryGetMemoryManager(records, out RecordsSequence? manager, out var start, out var length)
            && start == 0
            && length == manager._length)
        {
            sequence = manager;
            return true;
        }

        sequence = null;
        return false;
    }

    /// <summary>The records field (never materialized by this property: the base class would ask the span for its length).</summary>
    public override Memory<byte> Memory => CreateMemory(_length);

    /// <inheritdoc />
    public override Span<byte> GetSpan() => Flatten();

    /// <inheritdoc />
    public override MemoryHandle Pin(int elementIndex = 0) => Flatten().AsMemory(elementIndex).Pin();

    /// <inheritdoc />
    public override void Unpin()
    {
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing) => Interlocked.Exchange(ref _lease, null)?.Dispose();

    private byte[] Flatten()
    {
        var flat = Volatile.Read(ref _flat);
        if (flat is not null)
        {
            return flat;
        }

        flat = new byte[_length];
        var position = 0;
        foreach (var segment in _segments)
        {
            segment.Span.CopyTo(flat.AsSpan(position));
            position += segment.Length;
        }

        return Interlocked.CompareExchange(ref _flat, flat, null) ?? flat;
    }
}
