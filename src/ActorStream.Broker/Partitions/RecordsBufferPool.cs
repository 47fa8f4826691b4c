using System.Collections.Concurrent;
using System.Numerics;

namespace ActorStream.Broker.Partitions;

/// <summary>
/// The arrays behind <see cref="RecordsBuffer"/>s. Batches come back in bursts: one group commit of the
/// journal acknowledges hundreds of appends and the tail caches evict as many batches at once, more than
/// the shared array pool keeps per core, so its surplus became garbage and the next appends allocated
/// fresh arrays again. This pool keeps returned arrays in power-of-two size classes from 4 KiB to
/// 4 MiB, up to <see cref="MaxRetainedBytes"/> in all; larger batches use plain arrays. Thread-safe and
/// lock-free.
/// </summary>
internal static class RecordsBufferPool
{
    /// <summary>Bytes of idle arrays kept at most (beyond, returned arrays are left to the garbage collector).</summary>
    internal const long MaxRetainedBytes = 128L << 20;

    private const int MinShift = 12;
    private const int MaxShift = 22;

    private static readonly ConcurrentQueue<byte[]>[] s_classes = CreateClasses();
    private static long s_retainedBytes;

    /// <summary>Bytes of idle arrays held now.</summary>
    internal static long RetainedBytes => Interlocked.Read(ref s_retainedBytes);

    /// <summary>An array of at least <paramref name="length"/> bytes (contents unspecified).</summary>
    public static byte[] Rent(int length)
    {
        var shift = ShiftFor(length);
        if (shift > MaxShift)
        {
            return GC.AllocateUninitializedArray<byte>(length);
        }

        if (s_classes[shift - MinShift].TryDequeue(out var array))
        {
            Interlocked.Add(ref s_retainedBytes, -array.Length);
            return array;
        }

        return GC.AllocateUninitializedArray<byte>(1 << shift);
    }

    /// <summary>Takes back an array obtained from <see cref="Rent"/>.</summary>
    public static void Return(byte[] array)
    {
        var length = array.Length;
        if (!BitOperations.IsPow2(length) || length < (1 << MinShift) || length > (1 << MaxShift))
        {
            return;
        }

        if (Interlocked.Add(ref s_retainedBytes, length) > MaxRetainedBytes)
        {
            Interlocked.Add(ref s_retainedBytes, -length);
            return;
        }

        s_classes[BitOperations.Log2((uint)length) - MinShift].Enqueue(array);
    }

    private static int ShiftFor(int length) => Math.Max(MinShift, length <= 1 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)(length - 1)));

    private static ConcurrentQueue<byte[]>[] CreateClasses()
    {
        var classes = new ConcurrentQueue<byte[]>[MaxShift - MinShift + 1];
        for (var i = 0; i < classes.Length; i++)
        {
            classes[i] = new ConcurrentQueue<byte[]>();
        }

        return classes;
    }
}
