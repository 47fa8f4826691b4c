namespace ActorStream.Actor;

/// <summary>
/// Delivered exactly once to each watcher when a watched actor stops (also when it was already
/// dead at watch time). Unhandled, it makes the watcher fail with <see cref="DeathPactException"/>.
/// </summary>
public sealed class Terminated : IAutoReceivedMessage, IEquatable<Terminated>
{
    public Terminated(IActorRef actorRef, bool existenceConfirmed, bool addressTerminated)
    {
        ActorRef = actorRef;
        ExistenceConfirmed = existenceConfirmed;
        AddressTerminated = addressTerminated;
    }

    public IActorRef ActorRef { get; }

    /// <summary>False when the actor was not known to exist (e.g. watched after it had stopped).</summary>
    public bool ExistenceConfirmed { get; }

    /// <summary>True when the notice came from a failure detector rather than the actor itself.</summary>
    public bool AddressTerminated { get; }

    public bool Equals(Terminated? other) => other is not null && ActorRef.Equals(other.ActorRef);

    public override bool Equals(object? obj) => Equals(obj as Terminated);

    public override int GetHashCode() => ActorRef.GetHashCode();

    public override string ToString() => $"<Terminated>: {ActorRef} - ExistenceConfirmed={ExistenceConfirmed}";
}
