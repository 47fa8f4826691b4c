namespace ActorStream.Persistence.Journal;

/// <summary>
/// Why a journal rejected one <see cref="AtomicWrite"/> (never stored, the writer may go on), for
/// rejections that are not a serialization error: a duplicate sequence nr, an oversized event.
/// </summary>
public sealed class WriteRejectedException : Exception
{
    public WriteRejectedException(string message)
        : base(message)
    {
    }

    public WriteRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WriteRejectedException()
    {
    }
}
