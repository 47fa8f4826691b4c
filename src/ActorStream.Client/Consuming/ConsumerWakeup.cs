namespace ActorStream.Client.Consuming;

/// <summary>
/// Wakes a waiting Consume: set whenever data is buffered, an event is queued or the consumer closes.
/// Waiters pass the <see cref="Version"/> they saw before checking for work, so a Set between the
/// check and the wait is never missed. Supports blocking and async waiters. Thread-safe.
/// </summary>
internal sealed class ConsumerWakeup
{
    private readonly object _gate = new(); // a monitor: blocking waiters use Monitor.Wait
    private long _version;
    private TaskCompletionSource? _waiter;

    public long Version => Volatile.Read(ref _version);

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            _version++;
            waiter = _waiter;
            _waiter = null;
            Monitor.PulseAll(_gate);
        }

        waiter?.TrySetResult();
    }

    /// <summary>Blocks until a Set after <paramref name="seen"/> or until <paramref name="timeout"/>.</summary>
    public void Wait(long seen, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_version == seen)
            {
                Monitor.Wait(_gate, timeout);
            }
        }
    }

    /// <summary>Completes at a Set after <paramref name="seen"/>, after <paramref name="timeout"/>, or when <paramref name="cancellationToken"/> fires (without throwing).</summary>
    public async Task WaitAsync(long seen, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        Task task;
        lock (_gate)
        {
            if (_version != seen)
            {
                return;
            }

            task = (_waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        try
        {
            await task.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // The caller looks at the clock and the token itself.
        }
    }
}
