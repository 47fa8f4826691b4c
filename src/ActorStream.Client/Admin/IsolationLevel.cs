namespace ActorStream.Client.Admin;

/// <summary>Which records count as readable (the wire values).</summary>
public enum IsolationLevel
{
    /// <summary>Every record below the high watermark.</summary>
    ReadUncommitted = 0,

    /// <summary>Only records below the last stable offset (no open transactions).</summary>
    ReadCommitted = 1,
}
