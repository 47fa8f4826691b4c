namespace ActorStream.Broker.Groups;

/// <summary>
/// What one command produced (Kafka's CoordinatorResult): events to persist, replies to send and timers to
/// (re)start. The events are already applied to the state that produced them. The owner persists
/// <see cref="Events"/> (all of them, in order) and only then sends <see cref="Replies"/>; with no events
/// the replies can go at once. Immutable.
/// </summary>
public sealed class GroupCoordinatorResult
{
    private static readonly IGroupEvent[] s_noEvents = [];
    private static readonly IGroupReply[] s_noReplies = [];
    private static readonly TimerRequest[] s_noTimers = [];

    internal GroupCoordinatorResult(IGroupEvent[]? events, IGroupReply[]? replies, TimerRequest[]? timers)
    {
        Events = events ?? s_noEvents;
        Replies = replies ?? s_noReplies;
        Timers = timers ?? s_noTimers;
    }

    /// <summary>A result with nothing to do.</summary>
    public static GroupCoordinatorResult Empty { get; } = new(null, null, null);

    /// <summary>Events to persist before any reply is sent, in order.</summary>
    public IReadOnlyList<IGroupEvent> Events { get; }

    /// <summary>Replies, each to the request with its <see cref="IGroupReply.RequestId"/>.</summary>
    public IReadOnlyList<IGroupReply> Replies { get; }

    /// <summary>Timers to start; each replaces an earlier timer with the same key.</summary>
    public IReadOnlyList<TimerRequest> Timers { get; }
}
