namespace ActorStream.Kafka.Handlers;

/// <summary>The resource type of a config request, numbered as on the wire (Kafka's ConfigResource.Type).</summary>
public enum ConfigResourceType : sbyte
{
    /// <summary>UNKNOWN.</summary>
    Unknown = 0,

    /// <summary>TOPIC: the resource name is a topic.</summary>
    Topic = 2,

    /// <summary>BROKER: the resource name is a broker id, or empty for the cluster-wide defaults.</summary>
    Broker = 4,

    /// <summary>BROKER_LOGGER: the log levels of a broker.</summary>
    BrokerLogger = 8,
}
