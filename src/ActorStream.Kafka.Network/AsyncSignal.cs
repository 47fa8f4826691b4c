using System.Threading.Tasks.Sources;

namespace ActorStream.Kafka.Network;

/// <summary>
/// A reusable, allocation-free one-waiter signal carrying a <see cref="bool"/>. The owner guarantees that at
/// most one <see cref="WaitAsync"/> is outstanding and that <see cref="Set"/> is called once per wait.
/// Continuations run on the thread pool, never inline in <see cref="Set"/>.
/// </summary>
internal sealed class AsyncSignal : IValueTaskSource<bool>
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    /// <summary>Arms the signal and returns the task <see cref="Set"/> completes.</summary>
    public ValueTask<bool> WaitAsync()
    {
        _core.Reset();
        return new ValueTask<bool>(this, _core.Version);
    }

    public void Set(bool result) => _core.SetResult(result);

    bool IValueTaskSource<bool>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
