using ActorStream.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actor;

/// <summary>What an actor system starts from: configuration and where its logs go.</summary>
public sealed class BootstrapSetup
{
    private BootstrapSetup(Config? config, ILoggerFactory? loggerFactory)
    {
        Config = config;
        LoggerFactory = loggerFactory;
    }

    public Config? Config { get; }

    /// <summary>Where log events are written; none means they stay on the event stream only.</summary>
    public ILoggerFactory? LoggerFactory { get; }

    public static BootstrapSetup Create() => new(null, null);

    public BootstrapSetup WithConfig(Config config) => new(config, LoggerFactory);

    public BootstrapSetup WithLoggerFactory(ILoggerFactory loggerFactory) => new(Config, loggerFactory);
}
