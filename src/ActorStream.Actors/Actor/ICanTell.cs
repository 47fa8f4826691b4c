namespace ActorStream.Actor;

/// <summary>Anything a message can be sent to: an actor reference or a selection.</summary>
public interface ICanTell
{
    /// <summary>Sends <paramref name="message"/> asynchronously; <paramref name="sender"/> may be <see cref="ActorRefs.NoSender"/>.</summary>
    void Tell(object message, IActorRef? sender);
}
