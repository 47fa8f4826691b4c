namespace ActorStream.Client.Producing;

/// <summary>
/// Accounting of <c>buffer.memory</c>: every queued record reserves its estimated encoded size until
/// its batch completes. When the budget is used up, producers wait in FIFO order (synchronously in
/// Produce, asynchronously in ProduceAsync) for up to max.block.ms; <see cref="Exhausted"/> fires
/// when someone starts waiting so the sender can ship batches without waiting for linger.ms.
/// Thread-safe.
/// </summary>
internal sealed class BufferMemory
{
    private readonly object _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly TimeProvider _time;
    private long _available;
    private int _waiterCount;

    public BufferMemory(long total, TimeProvider timeProvider)
    {
        Total = total;
        _available = total;
        _time = timeProvider;
    }

    /// <summary>A producer started waiting for memory.</summary>
    public event Action? Exhausted;

    public long Total { get; }

    /// <summary>Bytes not reserved.</summary>
    public long Available
    {
        get
        {
            lock (_lock)
            {
                return _available;
            }
        }
    }

    /// <summary>True while producers wait for memory.</summary>
    public bool HasWaiters => Volatile.Read(ref _waiterCount) > 0;

    /// <summary>Reserves <paramref name="bytes"/> if available now and nobody is waiting.</summary>
    public bool TryReserve(long bytes)
    {
        lock (_lock)
        {
            if (_waiters.Count == 0 && _available >= bytes)
            {
                _available -= bytes;
                return true;
            }

            return false;
        }
    }

    /// <summary>Reserves <paramref name="bytes"/>, blocking the thread for up to <paramref name="maxBlock"/>; false on timeout.</summary>
    public bool Reserve(long bytes, TimeSpan maxBlock)
    {
        lock (_lock)
        {
            if (_waiters.Count == 0 && _available >= bytes)
            {
                _available -= bytes;
                return true;
            }

            var waiter = new Waiter(bytes, null);
            var node = AddWaiterLocked(waiter);
            var deadline = _time.GetTimestamp() + (long)(maxBlock.TotalSeconds * _time.TimestampFrequency);
            OnExhausted();
            while (!waiter.Granted)
            {
                var remaining = deadline - _time.GetTimestamp();
                if (remaining <= 0)
                {
                    RemoveWaiterLocked(node);
                    GrantLocked(out var wake);
                    Complete(wake);
                    return false;
                }

                Monitor.Wait(_lock, TimeSpan.FromSeconds(Math.Min((double)remaining / _time.TimestampFrequency, 1.0)));
            }

            return true;
        }
    }

    /// <summary>Reserves <paramref name="bytes"/>, waiting asynchronously for up to <paramref name="maxBlock"/>; false on timeout.</summary>
    public async ValueTask<bool> ReserveAsync(long bytes, TimeSpan maxBlock, CancellationToken cancellationToken)
    {
        Waiter waiter;
        LinkedListNode<Waiter> node;
        lock (_lock)
        {
            if (_waiters.Count == 0 && _available >= bytes)
            {
                _available -= bytes;
                return true;
            }

            waiter = new Waiter(bytes, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            node = AddWaiterLocked(waiter);
        }

        OnExhausted();
        try
        {
            await waiter.Completion!.Task.WaitAsync(maxBlock, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            List<TaskCompletionSource>? wake;
            lock (_lock)
            {
                if (waiter.Granted)
                {
                    if (e is TimeoutException)
                    {
                        return true;
                    }

                    _available += bytes; // granted just as the caller gave up: give it back
                }
                else
                {
                    RemoveWaiterLocked(node);
                }

                GrantLocked(out wake);
            }

            Complete(wake);
            if (e is OperationCanceledException)
            {
                throw;
            }

            return false;
        }
    }

    /// <summary>Returns <paramref name="bytes"/> and wakes waiters that now fit.</summary>
    public void Release(long bytes)
    {
        if (bytes <= 0)
        {
            return;
        }

        List<TaskCompletionSource>? wake;
        lock (_lock)
        {
            _available += bytes;
            GrantLocked(out wake);
        }

        Complete(wake);
    }

    private static void Complete(List<TaskCompletionSource>? wake)
    {
        if (wake is not null)
        {
            foreach (var completion in wake)
            {
                completion.TrySetResult();
            }
        }
    }

    private LinkedListNode<Waiter> AddWaiterLocked(Waiter waiter)
    {
        Interlocked.Increment(ref _waiterCount);
        return _waiters.AddLast(waiter);
    }

    private void RemoveWaiterLocked(LinkedListNode<Waiter> node)
    {
        if (node.List is not null)
        {
            _waiters.Remove(node);
            Interlocked.Decrement(ref _waiterCount);
        }
    }

    private void GrantLocked(out List<TaskCompletionSource>? wake)
    {
        wake = null;
        var pulse = false;
        while (_waiters.First is { } first && _available >= first.Value.Bytes)
        {
            _available -= first.Value.Bytes;
            first.Value.Granted = true;
            RemoveWaiterLocked(first);
            if (first.Value.Completion is { } completion)
            {
                (wake ??= []).Add(completion);
            }
            else
            {
                pulse = true;
            }
        }

        if (pulse)
        {
            Monitor.PulseAll(_lock);
        }
    }

    private void OnExhausted() => Exhausted?.Invoke();

    private sealed class Waiter(long bytes, TaskCompletionSource? completion)
    {
        public long Bytes { get; } = bytes;

        /// <summary>Null for a thread blocked in <see cref="Reserve"/> (woken by Monitor.PulseAll).</summary>
        public TaskCompletionSource? Completion { get; } = completion;

        public bool Granted { get; set; }
    }
}
