namespace ActorStream.Persistence.Sql;

/// <summary>
/// A SQL store could not be used at start: the file is not a usable SQLite database, or the server
/// stayed unreachable through every retry. <see cref="Location"/> names the file path or the server.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string location, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Location = location;
    }

    public StorageUnavailableException()
    {
        Location = string.Empty;
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
        Location = string.Empty;
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Location = string.Empty;
    }

    /// <summary>The database file path or the server (host:port) that could not be used.</summary>
    public string Location { get; }
}
