namespace ActorStream.Persistence;

/// <summary>One request for a recovery permit from <see cref="RecoveryPermitter"/>; its state is guarded by the permitter's lock.</summary>
internal sealed class RecoveryPermit
{
    private readonly TaskCompletionSource _granted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal enum PermitState
    {
        Waiting,
        Granted,
        Returned,
    }

    /// <summary>Completes when the permit is granted (never, if it is returned while queued).</summary>
    public Task Granted => _granted.Task;

    internal PermitState State { get; set; } = PermitState.Waiting;

    internal void Grant() => _granted.TrySetResult();
}
