using ActorStream.Actor;

namespace ActorStream.Broker.Partitions;

/// <summary>
/// Long-poll fetch waiters ordered by the offset they wait past (Kafka's DeferredEventQueue):
/// <see cref="CompleteUpTo"/> runs on every high-watermark move and answers every waiter whose offset
/// is below it; <see cref="FailAll"/> answers everybody (leadership lost, actor stopping). A timed-out
/// waiter is answered by id and skipped later. Not thread-safe (owned by one actor).
/// </summary>
internal sealed class DataWaiterQueue
{
    private readonly PriorityQueue<Waiter, long> _byOffset = new();
    private readonly Dictionary<long, Waiter> _byId = [];
    private long _nextId;

    public int Count => _byId.Count;

    /// <summary>Adds a waiter and returns its id (for the timeout).</summary>
    public long Add(long offset, IActorRef replyTo)
    {
        var waiter = new Waiter(++_nextId, replyTo);
        _byId.Add(waiter.Id, waiter);
        _byOffset.Enqueue(waiter, offset);
        return waiter.Id;
    }

    /// <summary>Removes the waiter with <paramref name="id"/>; false when it was already answered.</summary>
    public bool TryRemove(long id, out IActorRef replyTo)
    {
        if (_byId.Remove(id, out var waiter))
        {
            waiter.Done = true;
            replyTo = waiter.ReplyTo;
            return true;
        }

        replyTo = ActorRefs.Nobody;
        return false;
    }

    /// <summary>Answers every waiter whose offset is below <paramref name="highWatermark"/> with <paramref name="reply"/>.</summary>
    public void CompleteUpTo(long highWatermark, object reply, IActorRef self)
    {
        while (_byOffset.TryPeek(out var waiter, out var offset) && offset < highWatermark)
        {
            _byOffset.Dequeue();
            if (!waiter.Done)
            {
                waiter.Done = true;
                _byId.Remove(waiter.Id);
                waiter.ReplyTo.Tell(reply, self);
            }
        }

        // Drop answered (timed-out) waiters at the head so the heap does not keep them.
        while (_byOffset.TryPeek(out var head, out _) && head.Done)
        {
            _byOffset.Dequeue();
        }
    }

    /// <summary>Answers every waiter with <paramref name="reply"/>.</summary>
    public void FailAll(object reply, IActorRef self)
    {
        while (_byOffset.TryDequeue(out var waiter, out _))
        {
            if (!waiter.Done)
            {
                waiter.Done = true;
                waiter.ReplyTo.Tell(reply, self);
            }
        }

        _byId.Clear();
    }

    private sealed class Waiter(long id, IActorRef replyTo)
    {
        public long Id { get; } = id;

        public IActorRef ReplyTo { get; } = replyTo;

        public bool Done { get; set; }
    }
}
