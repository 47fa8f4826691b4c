namespace ActorStream.Actor;

/// <summary>Thrown by an actor that received <see cref="Kill"/>; the default strategy stops it.</summary>
public class ActorKilledException : AkkaException
{
    public ActorKilledException()
    {
    }

    public ActorKilledException(string message)
        : base(message)
    {
    }

    public ActorKilledException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
