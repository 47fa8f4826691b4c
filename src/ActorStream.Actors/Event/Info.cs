namespace ActorStream.Event;

/// <summary>A info log event.</summary>
public sealed class Info : LogEvent
{
    public Info(string logSource, Type logClass, string message, params object?[] args)
        : base(null, logSource, logClass, message, args)
    {
    }

    public Info(Exception? cause, string logSource, Type logClass, string message, params object?[] args)
        : base(cause, logSource, logClass, message, args)
    {
    }

    public override LogLevel Level => LogLevel.InfoLevel;
}
