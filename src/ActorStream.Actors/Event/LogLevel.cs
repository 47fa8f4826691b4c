namespace ActorStream.Event;

/// <summary>Levels of the actor system's log events (Akka's four).</summary>
public enum LogLevel
{
    DebugLevel = 0,
    InfoLevel = 1,
    WarningLevel = 2,
    ErrorLevel = 3,

    /// <summary>Nothing is published.</summary>
    Off = 4,
}
