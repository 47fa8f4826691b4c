namespace ActorStream.Actor;

/// <summary>The keyed timers of one actor; messages carry a generation so stale ones are recognised.</summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Timer> _timers = [];
    private int _generation;

    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys;

    public void StartSingleTimer(object key, object message, TimeSpan timeout) => Start(key, message, timeout, TimeSpan.Zero, repeat: false);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval, repeat: true);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) => Start(key, message, initialDelay, interval, repeat: true);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer))
        {
            timer.Task.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Task.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>True when <paramref name="message"/> belongs to a live timer; yields the user's message.</summary>
    public bool TryAccept(TimerMessage message, out object inner)
    {
        inner = message.Message;
        if (!ReferenceEquals(message.Owner, this) || !_timers.TryGetValue(message.Key, out var timer) || timer.Generation != message.Generation)
        {
            return false;
        }

        if (!timer.Repeat)
        {
            _timers.Remove(message.Key);
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan interval, bool repeat)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (repeat && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A periodic timer needs a positive interval");
        }

        Cancel(key);
        var generation = ++_generation;
        var timerMessage = new TimerMessage(key, generation, message, this);
        var scheduler = cell.SystemImpl.Scheduler;
        var task = repeat
            ? scheduler.ScheduleTellRepeatedlyCancelable(delay, interval, cell.Self, timerMessage, cell.Self)
            : scheduler.ScheduleTellOnceCancelable(delay, cell.Self, timerMessage, cell.Self);
        _timers[key] = new Timer(generation, repeat, task);
    }

    private sealed record Timer(int Generation, bool Repeat, ICancelable Task);

    /// <summary>What a timer sends; it influences the receive timeout only if the user's message does.</summary>
    internal sealed record TimerMessage(object Key, int Generation, object Message, TimerScheduler Owner);
}
