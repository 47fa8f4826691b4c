using ActorStream.Event;

namespace ActorStream.TestKit;

/// <summary>Builds event filters for a TestKit's system.</summary>
public sealed class EventFilterFactory
{
    private readonly TestKitBase _kit;

    internal EventFilterFactory(TestKitBase kit) => _kit = kit;

    /// <summary>Error events whose cause is a <typeparamref name="TException"/>.</summary>
    public EventFilterApplier Exception<TException>(string? message = null, string? start = null, string? contains = null, string? source = null)
        where TException : Exception
        => Apply(new EventFilterBase.LogFilter(typeof(Error), typeof(TException), message, start, contains, source));

    public EventFilterApplier Exception(Type exceptionType, string? message = null, string? start = null, string? contains = null, string? source = null)
        => Apply(new EventFilterBase.LogFilter(typeof(Error), exceptionType, message, start, contains, source));

    public EventFilterApplier Error(string? message = null, string? start = null, string? contains = null, string? source = null)
        => Apply(new EventFilterBase.LogFilter(typeof(Error), null, message, start, contains, source));

    public EventFilterApplier Warning(string? message = null, string? start = null, string? contains = null, string? source = null)
        => Apply(new EventFilterBase.LogFilter(typeof(Warning), null, message, start, contains, source));

    public EventFilterApplier Info(string? message = null, string? start = null, string? contains = null, string? source = null)
        => Apply(new EventFilterBase.LogFilter(typeof(Info), null, message, start, contains, source));

    public EventFilterApplier Debug(string? message = null, string? start = null, string? contains = null, string? source = null)
        => Apply(new EventFilterBase.LogFilter(typeof(Debug), null, message, start, contains, source));

    /// <summary>Dead letters carrying a <typeparamref name="TMessage"/> (optionally matching <paramref name="isMatch"/>).</summary>
    public EventFilterApplier DeadLetter<TMessage>(Func<TMessage, bool>? isMatch = null)
        => Apply(new EventFilterBase.DeadLetterFilter(typeof(TMessage), isMatch is null ? null : m => isMatch((TMessage)m)));

    public EventFilterApplier DeadLetter(Type messageType)
        => Apply(new EventFilterBase.DeadLetterFilter(messageType, null));

    public EventFilterApplier Custom(Predicate<LogEvent> predicate) => Apply(new EventFilterBase.CustomFilter(predicate));

    private EventFilterApplier Apply(EventFilterBase filter) => new(_kit, filter);
}
