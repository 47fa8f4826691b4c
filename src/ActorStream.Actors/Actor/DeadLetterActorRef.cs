using ActorStream.Dispatch;
using ActorStream.Event;

namespace ActorStream.Actor;

/// <summary>Where undeliverable messages go: counted and published as <see cref="DeadLetter"/>.</summary>
internal sealed class DeadLetterActorRef(ActorSystemImpl system, ActorPath path) : MinimalActorRef
{
    public override ActorPath Path { get; } = path;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        system.IncrementDeadLetters();
        switch (message)
        {
            case DeadLetter { Message: DeadLetter }:
                // A subscriber to DeadLetter is itself dead; publishing this again would reach it again, forever.
                break;
            case DeadLetter letter:
                system.EventStream.Publish(letter);
                break;
            case Identify identify:
                sender?.Tell(new ActorIdentity(identify.MessageId, null), this);
                break;
            default:
                system.EventStream.Publish(new DeadLetter(message, sender ?? this, this));
                break;
        }
    }

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch && !watch.Watcher.Equals(this))
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(watch.Watchee, existenceConfirmed: false, addressTerminated: false));
        }
    }
}
