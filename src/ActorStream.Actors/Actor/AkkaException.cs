namespace ActorStream.Actor;

/// <summary>Base of the runtime's exceptions (named as in Akka so ports keep their catch clauses).</summary>
public class AkkaException : Exception
{
    public AkkaException()
    {
    }

    public AkkaException(string message)
        : base(message)
    {
    }

    public AkkaException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
