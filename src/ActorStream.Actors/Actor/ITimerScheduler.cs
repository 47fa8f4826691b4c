namespace ActorStream.Actor;

/// <summary>
/// Keyed timers owned by one actor. Starting a timer with a key in use replaces it; a cancelled or
/// replaced timer's message is dropped even if it was already enqueued. Timers die with the
/// instance (restart or stop). Use only from the actor's own turn.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan timeout);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();

    IReadOnlyCollection<object> ActiveTimers { get; }
}
