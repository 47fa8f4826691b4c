namespace ActorStream.Actor;

/// <summary>
/// Sends messages or runs actions later. Never fires early; resolution is the tick duration.
/// Thread-safe. Actions run on the thread pool and must not block.
/// </summary>
public interface IScheduler
{
    /// <summary>The scheduler's notion of wall-clock time.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Monotonic time since the scheduler started (virtual under the TestKit's scheduler).</summary>
    TimeSpan MonotonicClock { get; }

    void ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender, ICancelable? cancelable = null);

    void ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender, ICancelable? cancelable = null);

    void ScheduleOnce(TimeSpan delay, Action action, ICancelable? cancelable = null);

    void ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable? cancelable = null);
}
