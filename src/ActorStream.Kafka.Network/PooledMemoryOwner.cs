using System.Buffers;

namespace ActorStream.Kafka.Network;

/// <summary>
/// Owns an array rented from <see cref="ArrayPool{T}.Shared"/>; <see cref="Dispose"/> returns it once.
/// Not thread-safe against concurrent <see cref="Dispose"/> and <see cref="Memory"/> use.
/// </summary>
internal sealed class PooledMemoryOwner : IMemoryOwner<byte>
{
    private readonly int _length;
    private byte[]? _array;

    public PooledMemoryOwner(byte[] array, int length)
    {
        _array = array;
        _length = length;
    }

    public Memory<byte> Memory => _array is { } array ? new Memory<byte>(array, 0, _length) : throw new ObjectDisposedException(nameof(PooledMemoryOwner));

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
