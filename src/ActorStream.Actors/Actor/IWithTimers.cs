namespace ActorStream.Actor;

/// <summary>An actor with keyed timers; the runtime sets <see cref="Timers"/> before the constructor body runs.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}
