namespace ActorStream.Event;

/// <summary>A logging adapter that publishes to an <see cref="EventStream"/>; disabled levels cost one compare.</summary>
public sealed class BusLogging : ILoggingAdapter
{
    private readonly EventStream _bus;
    private readonly string _logSource;
    private readonly Type _logClass;
    private readonly LogLevel _minimum;

    public BusLogging(EventStream bus, string logSource, Type logClass, LogLevel minimum)
    {
        _bus = bus;
        _logSource = logSource;
        _logClass = logClass;
        _minimum = minimum;
    }

    public bool IsDebugEnabled => IsEnabled(LogLevel.DebugLevel);

    public bool IsInfoEnabled => IsEnabled(LogLevel.InfoLevel);

    public bool IsWarningEnabled => IsEnabled(LogLevel.WarningLevel);

    public bool IsErrorEnabled => IsEnabled(LogLevel.ErrorLevel);

    public bool IsEnabled(LogLevel level) => level >= _minimum && level != LogLevel.Off;

    public void Debug(string format, params object?[] args) => Log(LogLevel.DebugLevel, null, format, args);

    public void Info(string format, params object?[] args) => Log(LogLevel.InfoLevel, null, format, args);

    public void Warning(string format, params object?[] args) => Log(LogLevel.WarningLevel, null, format, args);

    public void Warning(Exception cause, string format, params object?[] args) => Log(LogLevel.WarningLevel, cause, format, args);

    public void Error(string format, params object?[] args) => Log(LogLevel.ErrorLevel, null, format, args);

    public void Error(Exception cause, string format, params object?[] args) => Log(LogLevel.ErrorLevel, cause, format, args);

    public void Log(LogLevel level, Exception? cause, string format, params object?[] args)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        LogEvent e = level switch
        {
            LogLevel.DebugLevel => new Debug(cause, _logSource, _logClass, format, args),
            LogLevel.InfoLevel => new Info(cause, _logSource, _logClass, format, args),
            LogLevel.WarningLevel => new Warning(cause, _logSource, _logClass, format, args),
            _ => new Error(cause, _logSource, _logClass, format, args),
        };
        _bus.Publish(e);
    }
}
