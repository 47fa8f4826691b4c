using ActorStream.Event;

namespace ActorStream.TestKit;

/// <summary>
/// Matches log events (or dead letters) while active and counts the matches. Use through
/// <see cref="TestKitBase.EventFilter"/>: <c>EventFilter.Error(contains: "boom").ExpectOne(() => ...)</c>.
/// </summary>
public abstract class EventFilterBase
{
    private int _matched;

    /// <summary>Matches counted while the filter was active.</summary>
    public int MatchedCount => Volatile.Read(ref _matched);

    internal bool TryMatch(object e)
    {
        if (!IsMatch(e))
        {
            return false;
        }

        Interlocked.Increment(ref _matched);
        return true;
    }

    protected abstract bool IsMatch(object e);

    /// <summary>Checks <paramref name="text"/> against message, start and contains (null = any).</summary>
    protected static bool TextMatches(string text, string? message, string? start, string? contains)
        => (message is null || string.Equals(text, message, StringComparison.Ordinal))
           && (start is null || text.StartsWith(start, StringComparison.Ordinal))
           && (contains is null || text.Contains(contains, StringComparison.Ordinal));

    internal sealed class LogFilter(Type eventType, Type? exceptionType, string? message, string? start, string? contains, string? source) : EventFilterBase
    {
        protected override bool IsMatch(object e)
        {
            if (e is not LogEvent log || !eventType.IsInstanceOfType(log))
            {
                return false;
            }

            if (exceptionType is not null && (log.Cause is null || !exceptionType.IsInstanceOfType(log.Cause)))
            {
                return false;
            }

            if (source is not null && !string.Equals(log.LogSource, source, StringComparison.Ordinal))
            {
                return false;
            }

            var text = exceptionType is not null && log.Cause is not null && message is null && start is null && contains is null
                ? log.Cause.Message
                : log.FormattedMessage;
            return TextMatches(text, message, start, contains)
                   || (log.Cause is not null && TextMatches(log.Cause.Message, message, start, contains));
        }
    }

    internal sealed class DeadLetterFilter(Type messageType, Func<object, bool>? predicate) : EventFilterBase
    {
        protected override bool IsMatch(object e)
            => e is DeadLetter letter && messageType.IsInstanceOfType(letter.Message) && (predicate is null || predicate(letter.Message));
    }

    internal sealed class CustomFilter(Predicate<LogEvent> predicate) : EventFilterBase
    {
        protected override bool IsMatch(object e) => e is LogEvent log && predicate(log);
    }
}
