namespace ActorStream.Client;

/// <summary>Which records of transactions a consumer reads (<c>isolation.level</c>).</summary>
public enum IsolationLevel
{
    /// <summary>Every record, committed or not (<c>read_uncommitted</c>).</summary>
    ReadUncommitted = 0,

    /// <summary>
    /// Accepted for compatibility (<c>read_committed</c>); the broker has no transactions, so the
    /// consumer reads as <see cref="ReadUncommitted"/>.
    /// </summary>
    ReadCommitted = 1,
}
