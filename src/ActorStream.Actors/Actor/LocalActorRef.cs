using ActorStream.Dispatch;

namespace ActorStream.Actor;

/// <summary>A reference to an actor in this process; Tell enqueues straight into its mailbox.</summary>
internal sealed class LocalActorRef : IInternalActorRef
{
    private readonly int _hash;

    public LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        Path = path;
        _hash = path.GetHashCode();
    }

    public ActorCell Cell { get; }

    public ActorPath Path { get; }

    public IInternalActorRef Parent => Cell.ParentRef;

    public bool IsTerminated => Cell.IsTerminated;

    public void Tell(object message, IActorRef? sender)
    {
        if (message is null)
        {
            throw new InvalidMessageException("Message is null");
        }

        Cell.Mailbox.Post(this, new Envelope(message, sender));
    }

    public void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);

    public void Stop() => SendSystemMessage(Terminate.Instance);

    public IInternalActorRef? GetChild(string name) => Cell.TryGetChild(name);

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other) || ActorRefComparer.Equal(this, other);

    public int CompareTo(IActorRef? other) => ActorRefComparer.Compare(this, other);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => _hash;

    public override string ToString() => $"[{Path.ToSerializationFormat()}]";
}
