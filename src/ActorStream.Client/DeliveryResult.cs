namespace ActorStream.Client;

/// <summary>Where a produced record was written.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public class DeliveryResult<TKey, TValue>
{
    /// <summary>The topic.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>The partition (<see cref="Partition.Any"/> if the record never got one).</summary>
    public Partition Partition { get; set; } = Partition.Any;

    /// <summary>The record's offset (<see cref="Offset.Unset"/> when not known, e.g. with acks=0).</summary>
    public Offset Offset { get; set; } = Offset.Unset;

    /// <summary>Whether the record is in the log.</summary>
    public PersistenceStatus Status { get; set; }

    /// <summary>The record as produced, with the timestamp the log holds.</summary>
    public Message<TKey, TValue> Message { get; set; } = null!;

    /// <summary>The record's key.</summary>
    public TKey Key => Message.Key;

    /// <summary>The record's value.</summary>
    public TValue Value => Message.Value;

    /// <summary>The record's timestamp (LogAppendTime topics: the broker's).</summary>
    public Timestamp Timestamp => Message.Timestamp;

    /// <summary>The record's headers.</summary>
    public Headers? Headers => Message.Headers;

    /// <summary>The topic and partition.</summary>
    public TopicPartition TopicPartition => new(Topic, Partition);

    /// <summary>The topic, partition and offset.</summary>
    public TopicPartitionOffset TopicPartitionOffset => new(Topic, Partition, Offset);
}
