using ActorStream.Actor;

namespace ActorStream.Event;

/// <summary>
/// A log entry on the event stream. <see cref="Message"/> is a template with <c>{0}</c> or
/// <c>{Name}</c> holes filled positionally from <see cref="Args"/>.
/// </summary>
public abstract class LogEvent : INotInfluenceReceiveTimeout, IDeadLetterSuppression
{
    protected LogEvent(Exception? cause, string logSource, Type logClass, string message, object?[]? args)
    {
        Cause = cause;
        LogSource = logSource;
        LogClass = logClass;
        Message = message;
        Args = args ?? [];
        Timestamp = TimeProvider.System.GetUtcNow();
        ThreadId = Environment.CurrentManagedThreadId;
    }

    public abstract LogLevel Level { get; }

    public Exception? Cause { get; }

    public string LogSource { get; }

    public Type LogClass { get; }

    public string Message { get; }

    public IReadOnlyList<object?> Args { get; }

    public DateTimeOffset Timestamp { get; }

    public int ThreadId { get; }

    /// <summary>The message with its holes filled.</summary>
    public string FormattedMessage => LogTemplate.Format(Message, Args);

    public override string ToString() => $"[{Level}][{Timestamp:O}][{LogSource}] {FormattedMessage}{(Cause is null ? string.Empty : Environment.NewLine + Cause)}";
}
