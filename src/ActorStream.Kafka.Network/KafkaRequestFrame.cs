using System.Buffers;
using System.Buffers.Binary;

namespace ActorStream.Kafka.Network;

/// <summary>
/// One request frame as read from the wire: the request header and body, without the 4-byte size prefix.
/// </summary>
/// <remarks>
/// <code>
/// +----------------+-----------------+---------------------+--------------------+------------------
/// | size int32 BE  | api_key int16   | api_version int16   | correlation_id i32 | rest of header, body
/// | (not included) | offset 0        | offset 2            | offset 4           | offset 8 ..
/// +----------------+-----------------+---------------------+--------------------+------------------
/// </code>
/// <para>
/// Ownership: the bytes live in an array rented from <see cref="ArrayPool{T}.Shared"/> by the listener. They
/// are valid from the call to <see cref="IKafkaRequestHandler.HandleAsync"/> until the task it returned
/// completes; then the listener returns the array to the pool and any <see cref="Memory"/> kept by the handler
/// points at reused memory. To keep the bytes longer, copy them, or call <see cref="DetachBuffer"/> once
/// before completing the task: the returned owner then holds the array and its <c>Dispose</c> returns it.
/// </para>
/// <para>Thread-safety: the value is immutable; <see cref="DetachBuffer"/> may be called from any thread.</para>
/// </remarks>
public readonly struct KafkaRequestFrame
{
    /// <summary>The shortest valid frame: api_key, api_version and correlation_id (8 bytes).</summary>
    public const int MinimumLength = 8;

    private readonly byte[]? _buffer;
    private readonly int _offset;
    private readonly int _length;
    private readonly RequestQueue? _owner;
    private readonly int _slot;
    private readonly long _sequence;

    internal KafkaRequestFrame(byte[] buffer, int length, RequestQueue? owner, int slot, long sequence)
    {
        _buffer = buffer;
        _length = length;
        _owner = owner;
        _slot = slot;
        _sequence = sequence;
    }

    /// <summary>
    /// A frame that did not come from a listener (an in-process transport): <paramref name="length"/>
    /// bytes of <paramref name="buffer"/> from <paramref name="offset"/>. The caller keeps them unchanged
    /// until the handler's task completes; <see cref="DetachBuffer"/> returns a pooled copy.
    /// </summary>
    /// <param name="buffer">The array holding the frame.</param>
    /// <param name="offset">Where the frame (its api key) starts.</param>
    /// <param name="length">Frame length (header and body, size prefix excluded).</param>
    /// <param name="requestNumber">The position of the request among those of its connection.</param>
    public KafkaRequestFrame(byte[] buffer, int offset, int length, long requestNumber)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinimumLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, buffer.Length - offset);
        _buffer = buffer;
        _offset = offset;
        _length = length;
        _sequence = requestNumber;
    }

    /// <summary>The request's API key (header offset 0).</summary>
    public short ApiKey => BinaryPrimitives.ReadInt16BigEndian(Span);

    /// <summary>The request's API version (header offset 2).</summary>
    public short ApiVersion => BinaryPrimitives.ReadInt16BigEndian(Span[2..]);

    /// <summary>The correlation id the response header must echo (header offset 4).</summary>
    public int CorrelationId => BinaryPrimitives.ReadInt32BigEndian(Span[4..]);

    /// <summary>Frame length in bytes (header and body, size prefix excluded); at least <see cref="MinimumLength"/>.</summary>
    public int Length => _length;

    /// <summary>
    /// The position of this request among the requests of its connection, starting at 0; responses are written
    /// in this order.
    /// </summary>
    public long RequestNumber => _sequence;

    /// <summary>The frame bytes (header and body). Valid only while the handler's task runs; see the remarks.</summary>
    public ReadOnlyMemory<byte> Memory => new(_buffer, _offset, _length);

    /// <summary>The frame bytes as a span. Valid only while the handler's task runs.</summary>
    public ReadOnlySpan<byte> Span => new(_buffer, _offset, _length);

    /// <summary>The frame bytes as a single-segment sequence, for <see cref="SequenceReader{T}"/>.</summary>
    public ReadOnlySequence<byte> Sequence => new(_buffer ?? [], _offset, _length);

    /// <summary>
    /// Takes the frame's pooled array from the listener. The caller must dispose the owner, which returns the
    /// array to <see cref="ArrayPool{T}.Shared"/>. Call it at most once, and before the handler's task completes.
    /// </summary>
    /// <exception cref="InvalidOperationException">The buffer was already detached or released.</exception>
    public IMemoryOwner<byte> DetachBuffer()
    {
        if (_buffer is not null && _owner is null)
        {
            // Not the listener's array: hand out a pooled copy.
            var copy = ArrayPool<byte>.Shared.Rent(_length);
            Span.CopyTo(copy);
            return new PooledMemoryOwner(copy, _length);
        }

        if (_buffer is null || _owner is null || !_owner.TryDetach(_slot, _sequence, _buffer))
        {
            throw new InvalidOperationException("The frame buffer was already detached or released.");
        }

        return new PooledMemoryOwner(_buffer, _length);
    }
}
