using ActorStream.Kafka.Protocol;

namespace ActorStream.Client.Network;

/// <summary>
/// One topic as the last Metadata response described it. <see cref="Partitions"/> is indexed by
/// partition number; <see cref="AvailablePartitions"/> lists the partitions that have a leader.
/// Immutable.
/// </summary>
internal sealed class TopicInfo
{
    public TopicInfo(string name, Guid topicId, ErrorCode error, bool isInternal, PartitionInfo[] partitions)
    {
        Name = name;
        TopicId = topicId;
        Error = error;
        IsInternal = isInternal;
        Partitions = partitions;
        var available = new List<int>(partitions.Length);
        foreach (var partition in partitions)
        {
            if (partition.Leader >= 0)
            {
                available.Add(partition.Partition);
            }
        }

        AvailablePartitions = available.ToArray();
    }

    public string Name { get; }

    public Guid TopicId { get; }

    /// <summary>Topic-level error (UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE …) or None.</summary>
    public ErrorCode Error { get; }

    public bool IsInternal { get; }

    /// <summary>Every partition, indexed by partition number.</summary>
    public PartitionInfo[] Partitions { get; }

    /// <summary>Partitions with a leader, ascending.</summary>
    public int[] AvailablePartitions { get; }

    /// <summary>Number of partitions (all, with or without a leader).</summary>
    public int PartitionCount => Partitions.Length;

    /// <summary>True if the topic exists and lists its partitions.</summary>
    public bool IsUsable => Error == ErrorCode.None && Partitions.Length > 0;

    /// <summary>The leader of <paramref name="partition"/>, or -1 when unknown.</summary>
    public int LeaderOf(int partition) => (uint)partition < (uint)Partitions.Length ? Partitions[partition].Leader : -1;
}
