namespace ActorStream.Client.Admin;

/// <summary>Kinds of config resources (the wire values of DescribeConfigs).</summary>
public enum ResourceType
{
    /// <summary>Unknown.</summary>
    Unknown = 0,

    /// <summary>Any (filters only).</summary>
    Any = 1,

    /// <summary>A topic.</summary>
    Topic = 2,

    /// <summary>A group.</summary>
    Group = 3,

    /// <summary>A broker (name = node id).</summary>
    Broker = 4,

    /// <summary>A broker's loggers (name = node id).</summary>
    BrokerLogger = 8,
}
