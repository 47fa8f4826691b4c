namespace ActorStream.Actor;

/// <summary>The reference that points nowhere (e.g. <see cref="IActorContext.Child"/> when absent).</summary>
public sealed class Nobody : IActorRef
{
    public static readonly Nobody Instance = new();

    private Nobody()
    {
    }

    public ActorPath Path { get; } = ActorPath.Parse("akka://all-systems/Nobody");

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
    }

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public int CompareTo(IActorRef? other) => ActorRefComparer.Compare(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => 0;

    public override string ToString() => "Nobody";
}
