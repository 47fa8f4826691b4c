using ActorStream.Actor;

namespace ActorStream.Dispatch;

/// <summary>A queue that refuses envelopes beyond its capacity (they go to dead letters; senders never block).</summary>
internal sealed class BoundedMessageQueue(int capacity) : MessageQueue
{
    private int _count;

    public int Capacity { get; } = capacity;

    public override bool TryEnqueue(in Envelope envelope)
    {
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        return base.TryEnqueue(envelope);
    }

    protected override void OnDequeued() => Interlocked.Decrement(ref _count);
}
