namespace ActorStream.Actor;

/// <summary>DeathWatch: exactly one <see cref="Terminated"/> (or the WatchWith message) per watch.</summary>
public interface ICanWatch
{
    IActorRef Watch(IActorRef subject);

    /// <summary>Watches <paramref name="subject"/> and delivers <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    /// <summary>Stops watching; no notice arrives afterwards, even one already queued.</summary>
    IActorRef Unwatch(IActorRef subject);
}
