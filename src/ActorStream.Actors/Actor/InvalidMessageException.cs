namespace ActorStream.Actor;

/// <summary>A message was null or otherwise not sendable.</summary>
public class InvalidMessageException : AkkaException
{
    public InvalidMessageException()
    {
    }

    public InvalidMessageException(string message)
        : base(message)
    {
    }

    public InvalidMessageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
