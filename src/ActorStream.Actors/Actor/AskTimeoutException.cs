namespace ActorStream.Actor;

/// <summary>An Ask got no reply within its timeout.</summary>
public class AskTimeoutException : AkkaException
{
    public AskTimeoutException()
    {
    }

    public AskTimeoutException(string message)
        : base(message)
    {
    }

    public AskTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
