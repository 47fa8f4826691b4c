using System.Collections.Concurrent;
using ActorStream.Client.Network;

namespace ActorStream.Client.Producing;

/// <summary>
/// The sticky partitioner for records without a key (KIP-480): every such record of a topic goes to
/// the topic's current partition until a new batch has to be started for it; then the topic moves
/// to another partition chosen at random among those with a leader. Records thus fill whole batches
/// instead of spreading one per partition. Thread-safe: a switch only happens if no other thread
/// switched first.
/// </summary>
internal sealed class StickyPartitioner
{
    private readonly ConcurrentDictionary<string, Current> _current = new(StringComparer.Ordinal);

    /// <summary>The topic's current partition (chosen now if there is none or it no longer exists).</summary>
    public int Partition(string topic, TopicInfo info)
    {
        var current = _current.GetOrAdd(topic, static _ => new Current());
        var partition = Volatile.Read(ref current.Partition);
        if ((uint)partition < (uint)info.PartitionCount)
        {
            return partition;
        }

        var chosen = Choose(info, -1);
        Interlocked.CompareExchange(ref current.Partition, chosen, partition);
        return Volatile.Read(ref current.Partition);
    }

    /// <summary>Moves the topic off <paramref name="previous"/> (its batch there is complete) and returns the new partition.</summary>
    public int NextPartition(string topic, TopicInfo info, int previous)
    {
        var current = _current.GetOrAdd(topic, static _ => new Current());
        var partition = Volatile.Read(ref current.Partition);
        if (partition != previous && (uint)partition < (uint)info.PartitionCount)
        {
            return partition; // another thread already moved on
        }

        var chosen = Choose(info, previous);
        Interlocked.CompareExchange(ref current.Partition, chosen, partition);
        return Volatile.Read(ref current.Partition);
    }

    private static int Choose(TopicInfo info, int previous)
    {
        var available = info.AvailablePartitions;
        if (available.Length == 1)
        {
            return available[0];
        }

        if (available.Length > 1)
        {
            while (true)
            {
                var candidate = available[Random.Shared.Next(available.Length)];
                if (candidate != previous)
                {
                    return candidate;
                }
            }
        }

        var count = info.PartitionCount;
        if (count <= 1)
        {
            return 0;
        }

        while (true)
        {
            var candidate = Random.Shared.Next(count);
            if (candidate != previous)
            {
                return candidate;
            }
        }
    }

    private sealed class Current
    {
        public int Partition = -1;
    }
}
