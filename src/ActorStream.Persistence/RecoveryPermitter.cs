namespace ActorStream.Persistence;

/// <summary>
/// Limits how many persistent actors recover at once; waiters are served in arrival order so a
/// mass start (a node with thousands of partitions) recovers steadily instead of stampeding the
/// journal. Thread-safe.
/// </summary>
internal sealed class RecoveryPermitter(int maxPermits)
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private int _used;

    public int MaxPermits { get; } = Math.Max(1, maxPermits);

    public int UsedPermits
    {
        get
        {
            lock (_lock)
            {
                return _used;
            }
        }
    }

    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    public Task AcquireAsync()
    {
        lock (_lock)
        {
            if (_used < MaxPermits && _waiting.Count == 0)
            {
                _used++;
                return Task.CompletedTask;
            }

            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
            return waiter.Task;
        }
    }

    public void Release()
    {
        TaskCompletionSource? next = null;
        lock (_lock)
        {
            if (_waiting.Count > 0)
            {
                next = _waiting.Dequeue();
            }
            else if (_used > 0)
            {
                _used--;
            }
        }

        next?.TrySetResult();
    }
}
