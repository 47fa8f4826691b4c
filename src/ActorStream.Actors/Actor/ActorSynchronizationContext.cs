namespace ActorStream.Actor;

/// <summary>Routes continuations of an actor's async handler back onto the actor's own turn.</summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => cell.PostContinuation(d, state);

    public override void Send(SendOrPostCallback d, object? state)
        => throw new NotSupportedException("Synchronous Send is not supported inside an actor; it would deadlock the actor's turn");

    public override SynchronizationContext CreateCopy() => this;
}
