namespace ActorStream.Actor;

/// <summary>An actor API was used where it is not allowed (e.g. stashing twice).</summary>
public class IllegalActorStateException : AkkaException
{
    public IllegalActorStateException()
    {
    }

    public IllegalActorStateException(string message)
        : base(message)
    {
    }

    public IllegalActorStateException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
