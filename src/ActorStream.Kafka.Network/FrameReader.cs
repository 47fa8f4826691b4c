using System.Buffers;
using System.Buffers.Binary;

namespace ActorStream.Kafka.Network;

/// <summary>
/// Splits a byte stream into Kafka request frames. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <code>
/// +-------------------+--------------------------------------------+
/// | size: int32 BE    | size bytes: request header + request body  |
/// +-------------------+--------------------------------------------+
/// </code>
/// The size is validated as soon as its 4 bytes are there, before any of the body is waited for, so a
/// hostile prefix never makes the listener buffer more than the maximum.
/// </remarks>
internal static class FrameReader
{
    /// <summary>Bytes of the size prefix.</summary>
    public const int PrefixLength = 4;

    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/>. On <see cref="FrameStatus.Complete"/>,
    /// <paramref name="frame"/> holds the frame without its prefix and <paramref name="buffer"/> is advanced past
    /// it; otherwise <paramref name="buffer"/> is unchanged. <paramref name="size"/> is the declared size
    /// whenever the prefix was there (for logging), else -1.
    /// </summary>
    public static FrameStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out ReadOnlySequence<byte> frame, out int size)
    {
        frame = default;
        if (buffer.Length < PrefixLength)
        {
            size = -1;
            return FrameStatus.NeedMoreData;
        }

        size = ReadSize(buffer);
        if (size < 0 || size > maxFrameBytes)
        {
            return FrameStatus.SizeInvalid;
        }

        if (size < KafkaRequestFrame.MinimumLength)
        {
            return FrameStatus.TooShort;
        }

        if (buffer.Length - PrefixLength < size)
        {
            return FrameStatus.NeedMoreData;
        }

        frame = buffer.Slice(PrefixLength, size);
        buffer = buffer.Slice(frame.End);
        return FrameStatus.Complete;
    }

    private static int ReadSize(in ReadOnlySequence<byte> buffer)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= PrefixLength)
        {
            return BinaryPrimitives.ReadInt32BigEndian(first);
        }

        Span<byte> prefix = stackalloc byte[PrefixLength];
        buffer.Slice(0, PrefixLength).CopyTo(prefix);
        return BinaryPrimitives.ReadInt32BigEndian(prefix);
    }
}
