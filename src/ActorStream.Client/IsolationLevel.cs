namespace ActorStream.Client;

/// <summary>Which records count as readable: the wire values of isolation_level (consumer <c>isolation.level</c>, admin ListOffsets).</summary>
public enum IsolationLevel
{
    /// <summary>Every record below the high watermark (<c>read_uncommitted</c>).</summary>
    ReadUncommitted = 0,

    /// <summary>Only records below the last stable offset, no open transactions (<c>read_committed</c>).</summary>
    ReadCommitted = 1,
}
