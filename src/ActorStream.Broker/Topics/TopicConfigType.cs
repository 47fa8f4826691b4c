namespace ActorStream.Broker.Topics;

/// <summary>The type of a topic config, numbered as DescribeConfigs v3+ reports it (Kafka's ConfigType).</summary>
public enum TopicConfigType : sbyte
{
    /// <summary>UNKNOWN.</summary>
    Unknown = 0,

    /// <summary>BOOLEAN: "true" or "false".</summary>
    Boolean = 1,

    /// <summary>STRING.</summary>
    String = 2,

    /// <summary>INT (32 bit).</summary>
    Int = 3,

    /// <summary>SHORT.</summary>
    Short = 4,

    /// <summary>LONG (64 bit).</summary>
    Long = 5,

    /// <summary>DOUBLE.</summary>
    Double = 6,

    /// <summary>LIST: comma-separated values.</summary>
    List = 7,

    /// <summary>CLASS.</summary>
    Class = 8,

    /// <summary>PASSWORD (sensitive).</summary>
    Password = 9,
}
