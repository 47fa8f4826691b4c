using System.Collections.Concurrent;
using ActorStream.Actor;

namespace ActorStream.Dispatch;

/// <summary>
/// The user-message queue of a mailbox: many producers, one consumer (the actor's turn).
/// Envelopes that the stash puts back are kept in a consumer-owned stack served first.
/// </summary>
internal class MessageQueue
{
    private readonly ConcurrentQueue<Envelope> _queue = new();
    private readonly Stack<Envelope> _prepended = new();

    /// <summary>Adds an envelope; false when a bounded queue is full.</summary>
    public virtual bool TryEnqueue(in Envelope envelope)
    {
        _queue.Enqueue(envelope);
        return true;
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (_prepended.Count > 0)
        {
            envelope = _prepended.Pop();
            return true;
        }

        if (_queue.TryDequeue(out envelope))
        {
            OnDequeued();
            return true;
        }

        return false;
    }

    /// <summary>Dequeues from the shared queue only; safe from any thread (used when draining a closed mailbox).</summary>
    public bool TryDequeueConcurrent(out Envelope envelope)
    {
        if (_queue.TryDequeue(out envelope))
        {
            OnDequeued();
            return true;
        }

        return false;
    }

    public bool HasMessages => _prepended.Count > 0 || !_queue.IsEmpty;

    public int Count => _prepended.Count + _queue.Count;

    /// <summary>Puts envelopes back in front, first of <paramref name="envelopes"/> first. Consumer thread only.</summary>
    public void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        for (var i = envelopes.Count - 1; i >= 0; i--)
        {
            _prepended.Push(envelopes[i]);
        }
    }

    protected virtual void OnDequeued()
    {
    }
}
