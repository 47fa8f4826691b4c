namespace ActorStream.Broker.Topics;

/// <summary>Where a described config value comes from, numbered as DescribeConfigs v1+ reports it.</summary>
public enum ConfigSource : sbyte
{
    /// <summary>UNKNOWN.</summary>
    Unknown = 0,

    /// <summary>DYNAMIC_TOPIC_CONFIG: set on the topic (CreateTopics or AlterConfigs).</summary>
    DynamicTopicConfig = 1,

    /// <summary>DYNAMIC_BROKER_CONFIG.</summary>
    DynamicBrokerConfig = 2,

    /// <summary>DYNAMIC_DEFAULT_BROKER_CONFIG.</summary>
    DynamicDefaultBrokerConfig = 3,

    /// <summary>STATIC_BROKER_CONFIG: the node's configuration file sets the broker synonym.</summary>
    StaticBrokerConfig = 4,

    /// <summary>DEFAULT_CONFIG: the built-in default.</summary>
    DefaultConfig = 5,
}
