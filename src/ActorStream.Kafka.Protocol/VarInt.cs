using System.Runtime.CompilerServices;

namespace ActorStream.Kafka.Protocol;

/// <summary>
/// Kafka's variable-length integers (KIP-482 unsigned varints for compact lengths and tags;
/// protobuf-style zigzag varint/varlong inside records). 7 data bits per byte, least significant
/// group first, high bit set = more bytes follow. An unsigned 32-bit value takes at most 5 bytes,
/// a 64-bit one at most 10. Stateless and thread-safe.
/// </summary>
public static class VarInt
{
    /// <summary>Largest encoding of a 32-bit varint.</summary>
    public const int MaxLength32 = 5;

    /// <summary>Largest encoding of a 64-bit varint.</summary>
    public const int MaxLength64 = 10;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ZigZagEncode(int value) => (uint)((value << 1) ^ (value >> 31));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ZigZagDecode(uint value) => (int)(value >> 1) ^ -(int)(value & 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ZigZagEncode(long value) => (ulong)((value << 1) ^ (value >> 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ZigZagDecode(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    /// <summary>Bytes needed for <paramref name="value"/> as an unsigned varint.</summary>
    public static int SizeOfUnsigned(uint value)
    {
        // 1 + floor((highest set bit) / 7); value | 1 keeps LeadingZeroCount below 32.
        int bits = 32 - System.Numerics.BitOperations.LeadingZeroCount(value | 1);
        return (bits + 6) / 7;
    }

    /// <summary>Bytes needed for <paramref name="value"/> as an unsigned varlong.</summary>
    public static int SizeOfUnsigned(ulong value)
    {
        int bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(value | 1);
        return (bits + 6) / 7;
    }

    public static int SizeOf(int value) => SizeOfUnsigned(ZigZagEncode(value));

    public static int SizeOf(long value) => SizeOfUnsigned(ZigZagEncode(value));

    /// <summary>Writes an unsigned varint; returns the bytes written. The span must hold <see cref="MaxLength32"/> bytes or the exact size.</summary>
    public static int WriteUnsigned(Span<byte> destination, uint value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Writes an unsigned varlong; returns the bytes written.</summary>
    public static int WriteUnsigned(Span<byte> destination, ulong value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    public static int Write(Span<byte> destination, int value) => WriteUnsigned(destination, ZigZagEncode(value));

    public static int Write(Span<byte> destination, long value) => WriteUnsigned(destination, ZigZagEncode(value));

    /// <summary>
    /// Reads an unsigned varint. Returns the bytes consumed, 0 if the span ends inside the
    /// varint, or -1 if it is longer than 5 bytes or overflows 32 bits.
    /// </summary>
    public static int TryReadUnsigned(ReadOnlySpan<byte> source, out uint value)
    {
        uint result = 0;
        for (int i = 0; i < MaxLength32; i++)
        {
            if (i >= source.Length)
            {
                value = 0;
                return 0;
            }

            uint b = source[i];
            if (i == MaxLength32 - 1 && b > 0x0F)
            {
                value = 0;
                return -1;
            }

            result |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                value = result;
                return i + 1;
            }
        }

        value = 0;
        return -1;
    }

    /// <summary>Reads an unsigned varlong; same return convention as the 32-bit form (at most 10 bytes).</summary>
    public static int TryReadUnsigned(ReadOnlySpan<byte> source, out ulong value)
    {
        ulong result = 0;
        for (int i = 0; i < MaxLength64; i++)
        {
            if (i >= source.Length)
            {
                value = 0;
                return 0;
            }

            ulong b = source[i];
            if (i == MaxLength64 - 1 && b > 0x01)
            {
                value = 0;
                return -1;
            }

            result |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                value = result;
                return i + 1;
            }
        }

        value = 0;
        return -1;
    }

    /// <summary>Reads a zigzag varint; same return convention as <see cref="TryReadUnsigned(ReadOnlySpan{byte}, out uint)"/>.</summary>
    public static int TryRead(ReadOnlySpan<byte> source, out int value)
    {
        int n = TryReadUnsigned(source, out uint raw);
        value = ZigZagDecode(raw);
        return n;
    }

    /// <summary>Reads a zigzag varlong; same return convention as <see cref="TryReadUnsigned(ReadOnlySpan{byte}, out ulong)"/>.</summary>
    public static int TryRead(ReadOnlySpan<byte> source, out long value)
    {
        int n = TryReadUnsigned(source, out ulong raw);
        value = ZigZagDecode(raw);
        return n;
    }
}
