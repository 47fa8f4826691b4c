namespace ActorStream.Event;

/// <summary>A warning log event.</summary>
public sealed class Warning : LogEvent
{
    public Warning(string logSource, Type logClass, string message, params object?[] args)
        : base(null, logSource, logClass, message, args)
    {
    }

    public Warning(Exception? cause, string logSource, Type logClass, string message, params object?[] args)
        : base(cause, logSource, logClass, message, args)
    {
    }

    public override LogLevel Level => LogLevel.WarningLevel;
}
