using System.Buffers.Binary;
using System.Text;

namespace ActorStream.Client.Consuming.Assignors;

/// <summary>
/// The user data of Kafka's StickyAssignor (eager): the member's previous assignment and its
/// generation, in the classic (non-flexible) protocol encoding.
/// <code>
/// v0: previous_assignment [topic string(int16 length), partitions [int32]]
/// v1: v0 + generation int32
/// </code>
/// Arrays carry an int32 count. A v0 blob (no generation) reads as generation -1. Stateless and thread-safe.
/// </summary>
internal static class StickyUserData
{
    public static byte[] Write(IReadOnlyList<TopicPartition> assignment, int generation)
    {
        var byTopic = ByTopic(assignment);
        var size = 4 + 4;
        foreach (var (topic, partitions) in byTopic)
        {
            size += 2 + Encoding.UTF8.GetByteCount(topic) + 4 + (4 * partitions.Count);
        }

        var bytes = new byte[size];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32BigEndian(span, byTopic.Count);
        var position = 4;
        foreach (var (topic, partitions) in byTopic)
        {
            var length = Encoding.UTF8.GetBytes(topic, span[(position + 2)..]);
            BinaryPrimitives.WriteInt16BigEndian(span[position..], (short)length);
            position += 2 + length;
            BinaryPrimitives.WriteInt32BigEndian(span[position..], partitions.Count);
            position += 4;
            foreach (var partition in partitions)
            {
                BinaryPrimitives.WriteInt32BigEndian(span[position..], partition);
                position += 4;
            }
        }

        BinaryPrimitives.WriteInt32BigEndian(span[position..], generation);
        return bytes;
    }

    /// <summary>Reads a blob written by <see cref="Write"/> (or by a Java client); false if it is not one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out List<TopicPartition> assignment, out int generation)
    {
        assignment = [];
        generation = -1;
        try
        {
            var position = 0;
            var topics = ReadInt32(data, ref position);
            if (topics < 0)
            {
                return false;
            }

            for (var t = 0; t < topics; t++)
            {
                if (data.Length - position < 2)
                {
                    return false;
                }

                int length = BinaryPrimitives.ReadInt16BigEndian(data[position..]);
                position += 2;
                if (length < 0 || data.Length - position < length)
                {
                    return false;
                }

                var topic = Encoding.UTF8.GetString(data.Slice(position, length));
                position += length;
                var partitions = ReadInt32(data, ref position);
                if (partitions < 0 || (data.Length - position) / 4 < partitions)
                {
                    return false;
                }

                for (var p = 0; p < partitions; p++)
                {
                    assignment.Add(new TopicPartition(topic, ReadInt32(data, ref position)));
                }
            }

            if (data.Length - position >= 4)
            {
                generation = ReadInt32(data, ref position);
            }

            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            assignment = [];
            generation = -1;
            return false;
        }
    }

    private static int ReadInt32(ReadOnlySpan<byte> data, ref int position)
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(data[position..]);
        position += 4;
        return value;
    }

    private static SortedDictionary<string, List<int>> ByTopic(IReadOnlyList<TopicPartition> assignment)
    {
        var byTopic = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var partition in assignment)
        {
            if (!byTopic.TryGetValue(partition.Topic, out var list))
            {
                byTopic[partition.Topic] = list = [];
            }

            list.Add(partition.Partition.Value);
        }

        return byTopic;
    }
}
