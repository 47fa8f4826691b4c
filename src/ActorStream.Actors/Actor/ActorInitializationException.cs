namespace ActorStream.Actor;

/// <summary>The actor's constructor or PreStart threw; the default strategy stops it.</summary>
public class ActorInitializationException : AkkaException
{
    public ActorInitializationException()
    {
    }

    public ActorInitializationException(string message)
        : base(message)
    {
    }

    public ActorInitializationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public ActorInitializationException(IActorRef? actor, string message, Exception? innerException)
        : base(message, innerException)
    {
        Actor = actor;
    }

    public IActorRef? Actor { get; }
}
