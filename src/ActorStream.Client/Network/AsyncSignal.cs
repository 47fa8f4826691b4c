namespace ActorStream.Client.Network;

/// <summary>
/// An auto-reset event for one async waiter: <see cref="Set"/> from any thread wakes (or pre-arms)
/// the next <see cref="WaitAsync"/>. Several Sets before a wait collapse into one wake-up. Thread-safe
/// for many setters and a single waiter.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _waiter;
    private bool _signaled;

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            waiter = _waiter;
            _waiter = null;
            if (waiter is null)
            {
                _signaled = true;
            }
        }

        waiter?.TrySetResult();
    }

    /// <summary>Waits until <see cref="Set"/> or <paramref name="timeout"/>; returns true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (_signaled)
            {
                _signaled = false;
                return true;
            }

            waiter = _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (timeout <= TimeSpan.Zero)
        {
            return Consume(waiter);
        }

        try
        {
            await waiter.Task.WaitAsync(timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout, timeProvider, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return Consume(waiter);
        }
    }

    private bool Consume(TaskCompletionSource waiter)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_waiter, waiter))
            {
                _waiter = null;
            }

            if (_signaled)
            {
                _signaled = false;
                return true;
            }
        }

        return waiter.Task.IsCompleted;
    }
}
