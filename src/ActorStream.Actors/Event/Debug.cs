namespace ActorStream.Event;

/// <summary>A debug log event.</summary>
public sealed class Debug : LogEvent
{
    public Debug(string logSource, Type logClass, string message, params object?[] args)
        : base(null, logSource, logClass, message, args)
    {
    }

    public Debug(Exception? cause, string logSource, Type logClass, string message, params object?[] args)
        : base(cause, logSource, logClass, message, args)
    {
    }

    public override LogLevel Level => LogLevel.DebugLevel;
}
