using System.Buffers;

namespace ActorStream.Broker.Partitions;

/// <summary>
/// Pooled memory holding the record batches of one <see cref="PartitionProtocol.Append"/>, shared by
/// reference count between what keeps its bytes: the append itself, the tail cache, the journal write
/// in flight and fetch replies not yet written to a socket. The array goes back to the pool
/// (<see cref="RecordsBufferPool"/>) when the last reference is released, so batch memory is reused
/// instead of allocated on the large-object heap (fresh pages) for every produce request.
/// </summary>
/// <remarks>
/// A reference that is never released only costs the pool its array (the garbage collector frees it);
/// releasing one reference too many would let the array be reused while still read, so every
/// <see cref="Retain"/> is paired with exactly one <see cref="Dispose"/> and extra releases throw.
/// Thread-safe.
/// </remarks>
public sealed class RecordsBuffer : IMemoryOwner<byte>
{
    private readonly int _length;
    private byte[]? _array;
    private int _references = 1;

    private RecordsBuffer(byte[] array, int length)
    {
        _array = array;
        _length = length;
    }

    /// <summary>The bytes (exactly the rented length); invalid once the last reference is released.</summary>
    public Memory<byte> Memory => _array is { } array ? array.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(RecordsBuffer));

    /// <summary>References not yet released (0 once the array went back to the pool).</summary>
    internal int References => Volatile.Read(ref _references);

    /// <summary>A buffer of <paramref name="length"/> bytes holding one reference, owned by the caller.</summary>
    public static RecordsBuffer Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new RecordsBuffer(RecordsBufferPool.Rent(length), length);
    }

    /// <summary>Adds a reference; the caller releases it with <see cref="Dispose"/>.</summary>
    public RecordsBuffer Retain()
    {
        var references = Volatile.Read(ref _references);
        while (true)
        {
            if (references <= 0)
            {
                throw new ObjectDisposedException(nameof(RecordsBuffer), "The last reference was already released.");
            }

            var seen = Interlocked.CompareExchange(ref _references, references + 1, references);
            if (seen == references)
            {
                return this;
            }

            references = seen;
        }
    }

    /// <summary>Releases one reference; the last one returns the array to the pool.</summary>
    public void Dispose()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left > 0)
        {
            return;
        }

        if (left < 0)
        {
            throw new InvalidOperationException("A RecordsBuffer reference was released twice.");
        }

        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            RecordsBufferPool.Return(array);
        }
    }
}
