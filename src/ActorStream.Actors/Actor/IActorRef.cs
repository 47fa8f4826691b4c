namespace ActorStream.Actor;

/// <summary>
/// An immutable, serializable handle to an actor incarnation. Equality is path plus UID, so a
/// restarted actor keeps its reference while a new actor under the same name does not.
/// Thread-safe.
/// </summary>
public interface IActorRef : ICanTell, IEquatable<IActorRef>, IComparable<IActorRef>
{
    ActorPath Path { get; }
}
