namespace ActorStream.Event;

/// <summary>
/// An actor's logger: publishes log events to the event stream (never blocks; the logger actors
/// write them out). Templates use <c>{0}</c> or <c>{Name}</c> holes.
/// </summary>
public interface ILoggingAdapter
{
    bool IsDebugEnabled { get; }

    bool IsInfoEnabled { get; }

    bool IsWarningEnabled { get; }

    bool IsErrorEnabled { get; }

    bool IsEnabled(LogLevel level);

    void Debug(string format, params object?[] args);

    void Info(string format, params object?[] args);

    void Warning(string format, params object?[] args);

    void Warning(Exception cause, string format, params object?[] args);

    void Error(string format, params object?[] args);

    void Error(Exception cause, string format, params object?[] args);

    void Log(LogLevel level, Exception? cause, string format, params object?[] args);
}
