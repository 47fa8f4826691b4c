namespace ActorStream.Actor;

/// <summary>An actor selection resolved to no actor.</summary>
public class ActorNotFoundException : AkkaException
{
    public ActorNotFoundException()
    {
    }

    public ActorNotFoundException(string message)
        : base(message)
    {
    }

    public ActorNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
