namespace ActorStream.Actor;

/// <summary>An actor name is malformed or already taken among its siblings.</summary>
public class InvalidActorNameException : AkkaException
{
    public InvalidActorNameException()
    {
    }

    public InvalidActorNameException(string message)
        : base(message)
    {
    }

    public InvalidActorNameException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
