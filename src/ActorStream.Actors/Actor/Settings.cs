using ActorStream.Configuration;
using ActorStream.Event;

namespace ActorStream.Actor;

/// <summary>The actor system's settings, read once from its merged configuration.</summary>
public sealed class Settings
{
    public Settings(ActorSystem system, Config config)
    {
        System = system;
        Config = config;
        LogLevel = Logging.LogLevelFor(config.GetString("actorstream.loglevel", "INFO"));
        var deadLetters = config.GetString("actorstream.log-dead-letters", "10");
        LogDeadLetters = deadLetters is "off" or "false" or "no" ? 0 : deadLetters is "on" or "true" or "yes" ? int.MaxValue : config.GetInt("actorstream.log-dead-letters", 10);
        LogDeadLettersSuspendDuration = config.GetTimeSpan("actorstream.log-dead-letters-suspend-duration", TimeSpan.FromMinutes(5));
        LogDeadLettersDuringShutdown = config.GetBoolean("actorstream.log-dead-letters-during-shutdown", false);
        AskTimeout = config.GetTimeSpan("actorstream.actor.ask-timeout", TimeSpan.FromSeconds(30));
        CreationTimeout = config.GetTimeSpan("actorstream.actor.creation-timeout", TimeSpan.FromSeconds(20));
        DebugUnhandled = config.GetBoolean("actorstream.actor.debug.unhandled", false);
        DebugLifecycle = config.GetBoolean("actorstream.actor.debug.lifecycle", false);
        CoordinatedShutdownRunByActorSystemTerminate = config.GetBoolean("actorstream.coordinated-shutdown.run-by-actor-system-terminate", true);
    }

    public ActorSystem System { get; }

    /// <summary>The merged configuration (user config over reference.conf).</summary>
    public Config Config { get; }

    public LogLevel LogLevel { get; }

    public int LogDeadLetters { get; }

    public TimeSpan LogDeadLettersSuspendDuration { get; }

    public bool LogDeadLettersDuringShutdown { get; }

    public TimeSpan AskTimeout { get; }

    public TimeSpan CreationTimeout { get; }

    public bool DebugUnhandled { get; }

    public bool DebugLifecycle { get; }

    public bool CoordinatedShutdownRunByActorSystemTerminate { get; }
}
