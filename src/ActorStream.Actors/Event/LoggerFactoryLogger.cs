using ActorStream.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Event;

/// <summary>Writes log events from the event stream to Microsoft.Extensions.Logging (category = the log class).</summary>
internal sealed class LoggerFactoryLogger : ReceiveActor
{
    private readonly ILoggerFactory _factory;
    private readonly Dictionary<Type, ILogger> _loggers = [];

    public LoggerFactoryLogger(ILoggerFactory factory)
    {
        _factory = factory;
        Receive<LogEvent>(Write);
    }

    private void Write(LogEvent e)
    {
        if (!_loggers.TryGetValue(e.LogClass, out var logger))
        {
            logger = _factory.CreateLogger(e.LogClass.FullName ?? e.LogClass.Name);
            _loggers[e.LogClass] = logger;
        }

        var level = e.Level switch
        {
            LogLevel.DebugLevel => Microsoft.Extensions.Logging.LogLevel.Debug,
            LogLevel.InfoLevel => Microsoft.Extensions.Logging.LogLevel.Information,
            LogLevel.WarningLevel => Microsoft.Extensions.Logging.LogLevel.Warning,
            _ => Microsoft.Extensions.Logging.LogLevel.Error,
        };
        if (logger.IsEnabled(level))
        {
            logger.Log(level, default, new LogState(e), e.Cause, static (s, _) => s.ToString());
        }
    }

    /// <summary>Structured state: the template's holes as named values plus the actor path.</summary>
    private sealed class LogState(LogEvent e) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("LogSource", e.LogSource),
            _ => new("{OriginalFormat}", e.Message),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"[{e.LogSource}] {e.FormattedMessage}";
    }
}
