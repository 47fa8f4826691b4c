using ActorStream.Actor;

namespace ActorStream.Event;

/// <summary>Logger lookup for actors (<c>Context.GetLogger()</c>) and level parsing.</summary>
public static class Logging
{
    /// <summary>The logger of the actor whose context this is; its source is the actor's path.</summary>
    public static ILoggingAdapter GetLogger(this IActorContext context)
        => context is ActorCell cell ? cell.Log : throw new ArgumentException("Not an actor context", nameof(context));

    /// <summary>A logger for code outside actors.</summary>
    public static ILoggingAdapter GetLogger(ActorSystem system, string logSource, Type? logClass = null)
        => new BusLogging(system.EventStream, logSource, logClass ?? typeof(ActorSystem), system.Settings.LogLevel);

    /// <summary>Parses DEBUG, INFO, WARNING (or WARN), ERROR and OFF, case-insensitively.</summary>
    public static LogLevel LogLevelFor(string? level) => level?.Trim().ToUpperInvariant() switch
    {
        "DEBUG" => LogLevel.DebugLevel,
        "INFO" => LogLevel.InfoLevel,
        "WARNING" or "WARN" => LogLevel.WarningLevel,
        "ERROR" => LogLevel.ErrorLevel,
        "OFF" => LogLevel.Off,
        _ => throw new ArgumentException($"Unknown log level '{level}': use DEBUG, INFO, WARNING, ERROR or OFF", nameof(level)),
    };
}
