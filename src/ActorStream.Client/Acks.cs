namespace ActorStream.Client;

/// <summary>How many replicas must have a record before the producer's request is answered (<c>acks</c>).</summary>
public enum Acks
{
    /// <summary>acks=0: no response; the record counts as delivered once written to the socket.</summary>
    None = 0,

    /// <summary>acks=1: the partition leader wrote the record.</summary>
    Leader = 1,

    /// <summary>acks=all (-1): every in-sync replica has the record.</summary>
    All = -1,
}
