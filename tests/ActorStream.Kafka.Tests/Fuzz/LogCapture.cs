using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace ActorStream.Kafka.Tests.Fuzz;

/// <summary>
/// An <see cref="ILoggerFactory"/> that keeps what was logged at Warning and above: a count per category,
/// level and event id, and the full text of every Error and Critical entry (the first 100). Thread-safe.
/// </summary>
internal sealed class LogCapture : ILoggerFactory
{
    private readonly ConcurrentDictionary<(string Category, LogLevel Level, int EventId), int> _counts = new();
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> Errors => _errors;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public string Summary()
    {
        var summary = new StringBuilder();
        foreach (var ((category, level, eventId), count) in _counts.OrderBy(e => e.Key.Category, StringComparer.Ordinal).ThenBy(e => e.Key.EventId))
        {
            summary.Append(level).Append(' ').Append(category).Append('[').Append(eventId).Append("]: ").Append(count).AppendLine();
        }

        return summary.ToString();
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            capture._counts.AddOrUpdate((category, logLevel, eventId.Id), 1, static (_, n) => n + 1);
            if (logLevel >= LogLevel.Error && capture._errors.Count < 100)
            {
                capture._errors.Enqueue($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)} {exception}");
            }
        }
    }
}
