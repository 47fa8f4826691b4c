namespace ActorStream.Event;

/// <summary>An error log event, usually with a cause.</summary>
public sealed class Error : LogEvent
{
    public Error(Exception? cause, string logSource, Type logClass, string message, params object?[] args)
        : base(cause, logSource, logClass, message, args)
    {
    }

    public override LogLevel Level => LogLevel.ErrorLevel;
}
