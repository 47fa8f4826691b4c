using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace ActorStream.Kafka.Protocol.Records;

/// <summary>
/// CRC-32C (Castagnoli; reflected polynomial 0x82F63B78, init and final XOR 0xFFFFFFFF), the
/// checksum of RecordBatch v2. Uses <see cref="BitOperations.Crc32C(uint, ulong)"/>, which maps to
/// the SSE4.2/ARMv8 CRC instructions, over 8-byte chunks. Stateless and thread-safe.
/// Check value: Compute("123456789") = 0xE3069283.
/// </summary>
public static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(~0u, data);

    /// <summary>The CRC-32C of a (possibly multi-segment) sequence.</summary>
    public static uint Compute(in ReadOnlySequence<byte> data)
    {
        uint state = ~0u;
        foreach (var segment in data)
        {
            state = Update(state, segment.Span);
        }

        return ~state;
    }

    /// <summary>
    /// Advances a running CRC state (start with ~0u, finish with ~state) over <paramref name="data"/>,
    /// so that a checksum can be computed over data that arrives in pieces.
    /// </summary>
    public static uint Update(uint state, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            // The CRC instruction consumes the low byte first, i.e. little-endian order.
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        if (data.Length >= 4)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt32LittleEndian(data));
            data = data[4..];
        }

        foreach (byte b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return state;
    }
}
