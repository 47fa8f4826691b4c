namespace ActorStream.Actor;

/// <summary>Thrown when an actor does not handle <see cref="Terminated"/> of an actor it watches.</summary>
public class DeathPactException : AkkaException
{
    public DeathPactException()
    {
    }

    public DeathPactException(string message)
        : base(message)
    {
    }

    public DeathPactException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
