namespace ActorStream.Client.Admin;

/// <summary>Where a configuration value comes from (DescribeConfigs v1+ wire values).</summary>
public enum ConfigSource
{
    /// <summary>Unknown.</summary>
    UnknownConfig = 0,

    /// <summary>Set on the topic.</summary>
    DynamicTopicConfig = 1,

    /// <summary>Set dynamically for this broker.</summary>
    DynamicBrokerConfig = 2,

    /// <summary>Set dynamically as the default of every broker.</summary>
    DynamicDefaultBrokerConfig = 3,

    /// <summary>From the broker's configuration file.</summary>
    StaticBrokerConfig = 4,

    /// <summary>The built-in default.</summary>
    DefaultConfig = 5,

    /// <summary>A broker logger level.</summary>
    DynamicBrokerLoggerConfig = 6,
}
