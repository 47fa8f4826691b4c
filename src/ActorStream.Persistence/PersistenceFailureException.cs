namespace ActorStream.Persistence;

/// <summary>
/// A write's outcome is unknown (the journal failed). The persistent actor throws it after
/// OnPersistFailure, so its supervisor restarts it and it recovers what was really stored.
/// </summary>
public class PersistenceFailureException : Exception
{
    public PersistenceFailureException()
    {
    }

    public PersistenceFailureException(string message)
        : base(message)
    {
    }

    public PersistenceFailureException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
