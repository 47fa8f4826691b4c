using ActorStream.Actor;

namespace ActorStream.TestKit.Internal;

/// <summary>
/// The messages the test actor received, in order. Waits are either blocking (for synchronous
/// expectations) or asynchronous; a semaphore counts what is available. Thread-safe.
/// </summary>
internal sealed class TestMessageQueue
{
    private readonly Lock _lock = new();
    private readonly LinkedList<Envelope> _queue = new();
    private readonly SemaphoreSlim _available = new(0);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    public void Enqueue(Envelope envelope)
    {
        lock (_lock)
        {
            _queue.AddLast(envelope);
        }

        _available.Release();
    }

    public bool TryTake(TimeSpan timeout, out Envelope envelope)
    {
        if (!_available.Wait(Clamp(timeout)))
        {
            envelope = default;
            return false;
        }

        return TakeFirst(out envelope);
    }

    public async Task<(bool Ok, Envelope Envelope)> TryTakeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await _available.WaitAsync(Clamp(timeout), cancellationToken).ConfigureAwait(false))
        {
            return (false, default);
        }

        return TakeFirst(out var envelope) ? (true, envelope) : (false, default);
    }

    private bool TakeFirst(out Envelope envelope)
    {
        lock (_lock)
        {
            if (_queue.First is null)
            {
                envelope = default;
                return false;
            }

            envelope = _queue.First.Value;
            _queue.RemoveFirst();
            return true;
        }
    }

    private static TimeSpan Clamp(TimeSpan timeout) => timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout;
}
