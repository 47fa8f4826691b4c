using System.Buffers.Binary;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Kafka.Tests.Fuzz;

/// <summary>Mutations of encoded request frames and of record batches, driven by one seeded <see cref="Random"/>. Not thread-safe.</summary>
internal sealed class FrameMutator(Random random)
{
    private const int PrefixAndFixedHeader = 12;

    /// <summary>Mutates a whole frame (size prefix included) in one of the frame-level ways.</summary>
    public byte[] Mutate(byte[] frame, MutationKind kind, bool flexible)
    {
        // size, api key, version, correlation id, client id "fuzz" (int16 length), tagged fields when flexible.
        var bodyStart = Math.Min(frame.Length, PrefixAndFixedHeader + 2 + 4 + (flexible ? 1 : 0));
        switch (kind)
        {
            case MutationKind.Truncated:
                {
                    var length = random.Next(PrefixAndFixedHeader, Math.Max(PrefixAndFixedHeader + 1, frame.Length));
                    var cut = frame[..length];
                    BinaryPrimitives.WriteInt32BigEndian(cut, length - 4);
                    return cut;
                }

            case MutationKind.BitFlips:
                {
                    var copy = (byte[])frame.Clone();
                    if (copy.Length > bodyStart)
                    {
                        for (var n = random.Next(1, 9); n > 0; n--)
                        {
                            copy[random.Next(bodyStart, copy.Length)] ^= (byte)(1 << random.Next(8));
                        }
                    }

                    return copy;
                }

            case MutationKind.HugeCount:
                {
                    var copy = (byte[])frame.Clone();
                    if (copy.Length >= bodyStart + 4)
                    {
                        int[] values = [int.MaxValue, 0x4000_0000, 0x0100_0000, -2, int.MinValue, 65_535];
                        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(random.Next(bodyStart, copy.Length - 3)), values[random.Next(values.Length)]);
                    }

                    return copy;
                }

            case MutationKind.BadVarint:
                {
                    var at = random.Next(bodyStart, frame.Length + 1);
                    var inserted = new byte[random.Next(1, 7)];
                    for (var i = 0; i < inserted.Length; i++)
                    {
                        inserted[i] = (byte)(0x80 | random.Next(0x80));
                    }

                    var result = new byte[frame.Length + inserted.Length];
                    frame.AsSpan(0, at).CopyTo(result);
                    inserted.CopyTo(result, at);
                    frame.AsSpan(at).CopyTo(result.AsSpan(at + inserted.Length));
                    BinaryPrimitives.WriteInt32BigEndian(result, result.Length - 4);
                    return result;
                }

            case MutationKind.Header:
                {
                    var copy = (byte[])frame.Clone();
                    for (var n = random.Next(1, 3); n > 0; n--)
                    {
                        copy[random.Next(4, Math.Min(copy.Length, PrefixAndFixedHeader))] ^= (byte)(1 << random.Next(8));
                    }

                    return copy;
                }

            case MutationKind.Garbage:
                {
                    var garbage = new byte[4 + random.Next(8, 400)];
                    random.NextBytes(garbage);
                    BinaryPrimitives.WriteInt32BigEndian(garbage, garbage.Length - 4);
                    return garbage;
                }

            case MutationKind.LengthTooLong:
                {
                    var copy = (byte[])frame.Clone();
                    BinaryPrimitives.WriteInt32BigEndian(copy, frame.Length - 4 + random.Next(1, 5000));
                    return copy;
                }

            case MutationKind.LengthTooShort:
                {
                    var copy = (byte[])frame.Clone();
                    BinaryPrimitives.WriteInt32BigEndian(copy, Math.Max(0, frame.Length - 4 - random.Next(1, 64)));
                    return copy;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>A broken copy of a valid <paramref name="batch"/>.</summary>
    public byte[] Corrupt(byte[] batch, BatchCorruption corruption)
    {
        var copy = (byte[])batch.Clone();
        const int magicOffset = 16;
        const int crcOffset = 17;
        const int attributesOffset = 21;
        const int lastOffsetDeltaOffset = 23;
        switch (corruption)
        {
            case BatchCorruption.Crc:
                copy[random.Next(crcOffset, copy.Length)] ^= (byte)(1 << random.Next(8));
                return copy;
            case BatchCorruption.Magic:
                copy[magicOffset] = (byte)(random.Next(3) == 0 ? random.Next(0, 2) : random.Next(3, 256));
                return copy;
            case BatchCorruption.Length:
                {
                    var actual = batch.Length - RecordBatch.LogOverhead;
                    int[] lengths = [actual + random.Next(1, 100), actual - random.Next(1, actual), -random.Next(1, 1000), int.MaxValue, random.Next(0, RecordBatch.HeaderSize - RecordBatch.LogOverhead)];
                    BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(8), lengths[random.Next(lengths.Length)]);
                    return copy;
                }

            case BatchCorruption.Truncated:
                return copy[..random.Next(1, copy.Length)];
            case BatchCorruption.TrailingBytes:
                {
                    var tail = new byte[random.Next(1, RecordBatch.HeaderSize + 20)];
                    random.NextBytes(tail);
                    if (tail.Length >= 12)
                    {
                        // Claims to be a batch longer than what follows.
                        BinaryPrimitives.WriteInt32BigEndian(tail.AsSpan(8), tail.Length + random.Next(1, 1000));
                    }

                    return [.. copy, .. tail];
                }

            case BatchCorruption.InconsistentHeader:
                {
                    var view = RecordBatch.Create(batch);
                    switch (random.Next(3))
                    {
                        case 0: // an offset range other than the record count
                            int[] deltas = [view.RecordCount, view.RecordCount + random.Next(1, 1000), int.MaxValue];
                            BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(lastOffsetDeltaOffset), deltas[random.Next(deltas.Length)]);
                            break;
                        case 1: // control batch from a client
                            BinaryPrimitives.WriteInt16BigEndian(copy.AsSpan(attributesOffset), (short)(view.Attributes | 0x20));
                            break;
                        default: // codec ids 5..7 do not exist
                            BinaryPrimitives.WriteInt16BigEndian(copy.AsSpan(attributesOffset), (short)((view.Attributes & ~0x07) | random.Next(5, 8)));
                            break;
                    }

                    BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(crcOffset), Crc32C.Compute(copy.AsSpan(attributesOffset)));
                    return copy;
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(corruption), corruption, null);
        }
    }
}
