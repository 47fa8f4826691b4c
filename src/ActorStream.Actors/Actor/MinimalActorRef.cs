using ActorStream.Dispatch;

namespace ActorStream.Actor;

/// <summary>Base of references without a cell (dead letters, ask promises, the root's parent).</summary>
internal abstract class MinimalActorRef : IInternalActorRef
{
    public abstract ActorPath Path { get; }

    public virtual IInternalActorRef Parent => this;

    public virtual bool IsTerminated => false;

    public virtual void Tell(object message, IActorRef? sender)
    {
    }

    public virtual void SendSystemMessage(SystemMessage message)
    {
    }

    public virtual void Stop()
    {
    }

    public virtual IInternalActorRef? GetChild(string name) => null;

    public bool Equals(IActorRef? other) => ActorRefComparer.Equal(this, other);

    public int CompareTo(IActorRef? other) => ActorRefComparer.Compare(this, other);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => Path.GetHashCode();

    public override string ToString() => $"[{Path}]";
}
