namespace ActorStream.Client;

/// <summary>Whether a record is in the log.</summary>
public enum PersistenceStatus
{
    /// <summary>The record is certainly not in the log.</summary>
    NotPersisted = 0,

    /// <summary>The record may be in the log: it was sent but no acknowledgement arrived.</summary>
    PossiblyPersisted = 1,

    /// <summary>The broker acknowledged the record (with acks=0: it was written to the socket).</summary>
    Persisted = 2,
}
