using ActorStream.Actor;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Broker.Partitions;

/// <summary>
/// One Append in flight: who to answer, how many of its batches still await the journal, and the
/// outcome so far. Idempotent retries that arrive while the original is in flight join as followers
/// and get the same answer. Not thread-safe (owned by one actor).
/// </summary>
internal sealed class PendingAppend(IActorRef replyTo, short acks, int batches)
{
    public IActorRef ReplyTo { get; } = replyTo;

    public short Acks { get; } = acks;

    public int Remaining { get; set; } = batches;

    public long BaseOffset { get; set; } = -1;

    public long LogAppendTimeMs { get; set; } = -1;

    public ErrorCode Error { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>True once the requester was answered (acks=0, timeout, failure, or completion).</summary>
    public bool Replied { get; set; }

    /// <summary>Retries of the same idempotent batch waiting for this append's outcome.</summary>
    public List<IActorRef>? Followers { get; set; }
}
