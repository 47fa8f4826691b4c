namespace ActorStream.Persistence.Sql;

/// <summary>
/// SQLite's <c>PRAGMA synchronous</c> in WAL mode. A killed process never loses an acknowledged
/// write under any mode (the data is in the OS page cache); the modes differ on power loss or a
/// kernel crash.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>No fsync at all: power loss may lose recent commits and can corrupt the database.</summary>
    Off = 0,

    /// <summary>
    /// fsync only at checkpoints: power loss may lose the last commits (they roll back), but the
    /// database stays consistent. A process kill loses nothing.
    /// </summary>
    Normal = 1,

    /// <summary>fsync of the WAL at every commit: an acknowledged write survives power loss (the default).</summary>
    Full = 2,

    /// <summary>Like <see cref="Full"/>, plus a directory sync when the WAL is created or reset.</summary>
    Extra = 3,
}
