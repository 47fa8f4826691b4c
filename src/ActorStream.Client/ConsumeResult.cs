namespace ActorStream.Client;

/// <summary>
/// A consumed record and where it was read, or (with <c>enable.partition.eof</c>) the news that the
/// consumer reached the end of a partition (<see cref="IsPartitionEOF"/>, no <see cref="Message"/>).
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public class ConsumeResult<TKey, TValue>
{
    /// <summary>The topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The partition.</summary>
    public Partition Partition { get; set; }

    /// <summary>The record's offset (for an end-of-partition result, the log end offset).</summary>
    public Offset Offset { get; set; }

    /// <summary>The leader epoch of the batch the record came in, if known.</summary>
    public int? LeaderEpoch { get; set; }

    /// <summary>The record: key, value, timestamp and headers (null for an end-of-partition result).</summary>
    public Message<TKey, TValue> Message { get; set; } = null!;

    /// <summary>True when this result only says that the consumer reached the end of the partition.</summary>
    public bool IsPartitionEOF { get; set; }

    /// <summary>The topic and partition.</summary>
    public TopicPartition TopicPartition => new(Topic, Partition);

    /// <summary>The topic, partition and offset.</summary>
    public TopicPartitionOffset TopicPartitionOffset => new(Topic, Partition, Offset, LeaderEpoch);
}
