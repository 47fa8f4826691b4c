namespace ActorStream.Persistence;

/// <summary>
/// Limits how many persistent actors recover at once; waiters are served in arrival order so a
/// mass start (a node with thousands of partitions) recovers steadily instead of stampeding the
/// journal. Every request is a <see cref="RecoveryPermit"/> that its actor returns once, whatever
/// became of it: an actor that stops while still queued, or before it has seen its grant, must not
/// keep a permit, or the node runs out of them and no new persistent actor ever recovers.
/// Thread-safe.
/// </summary>
internal sealed class RecoveryPermitter(int maxPermits)
{
    private readonly Lock _lock = new();
    private readonly Queue<RecoveryPermit> _waiting = new();
    private int _used;
    private int _queued;

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

    /// <summary>Requests still queued (returned ones excluded).</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _queued;
            }
        }
    }

    /// <summary>Requests a permit; its <see cref="RecoveryPermit.Granted"/> completes when it is the holder's turn.</summary>
    public RecoveryPermit Request()
    {
        var permit = new RecoveryPermit();
        lock (_lock)
        {
            if (_used < MaxPermits && _queued == 0)
            {
                _used++;
                permit.State = RecoveryPermit.PermitState.Granted;
                permit.Grant();
                return permit;
            }

            _waiting.Enqueue(permit);
            _queued++;
            return permit;
        }
    }

    /// <summary>
    /// Gives a permit back: a granted one passes to the next waiter, a queued one leaves the queue.
    /// Returning the same permit again does nothing.
    /// </summary>
    public void Return(RecoveryPermit permit)
    {
        ArgumentNullException.ThrowIfNull(permit);
        RecoveryPermit? next = null;
        lock (_lock)
        {
            switch (permit.State)
            {
                case RecoveryPermit.PermitState.Waiting:
                    permit.State = RecoveryPermit.PermitState.Returned;
                    _queued--;
                    return;
                case RecoveryPermit.PermitState.Granted:
                    permit.State = RecoveryPermit.PermitState.Returned;
                    while (_waiting.TryDequeue(out var candidate))
                    {
                        if (candidate.State == RecoveryPermit.PermitState.Waiting)
                        {
                            candidate.State = RecoveryPermit.PermitState.Granted;
                            _queued--;
                            next = candidate;
                            break;
                        }
                    }

                    if (next is null)
                    {
                        _used--;
                    }

                    break;
                default:
                    return;
            }
        }

        next?.Grant();
    }
}
