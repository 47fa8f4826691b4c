namespace ActorStream.Actor;

/// <summary>Scheduling helpers that return the handle to cancel with.</summary>
public static class SchedulerExtensions
{
    public static ICancelable ScheduleTellOnceCancelable(this IScheduler scheduler, TimeSpan delay, ICanTell receiver, object message, IActorRef? sender)
    {
        var cancelable = new Cancelable(scheduler);
        scheduler.ScheduleTellOnce(delay, receiver, message, sender, cancelable);
        return cancelable;
    }

    public static ICancelable ScheduleTellRepeatedlyCancelable(this IScheduler scheduler, TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        var cancelable = new Cancelable(scheduler);
        scheduler.ScheduleTellRepeatedly(initialDelay, interval, receiver, message, sender, cancelable);
        return cancelable;
    }

    public static ICancelable ScheduleOnceCancelable(this IScheduler scheduler, TimeSpan delay, Action action)
    {
        var cancelable = new Cancelable(scheduler);
        scheduler.ScheduleOnce(delay, action, cancelable);
        return cancelable;
    }

    public static ICancelable ScheduleRepeatedlyCancelable(this IScheduler scheduler, TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        var cancelable = new Cancelable(scheduler);
        scheduler.ScheduleRepeatedly(initialDelay, interval, action, cancelable);
        return cancelable;
    }
}
