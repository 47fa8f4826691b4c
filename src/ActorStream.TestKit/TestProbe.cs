using ActorStream.Actor;

namespace ActorStream.TestKit;

/// <summary>
/// A second test actor with its own queue: pass <see cref="Ref"/> where an actor is expected and
/// check what it receives. Usable as an <see cref="IActorRef"/> itself.
/// </summary>
public sealed class TestProbe : TestKitBase, IActorRef
{
    internal TestProbe(ActorSystem system, string? name)
    {
        // A probe must not become the implicit sender of the test that created it.
        var implicitSender = ActorCell.ImplicitSenderFallback;
        InitializeTest(system, name is null ? null : name + "-" + Interlocked.Increment(ref s_number));
        ActorCell.ImplicitSenderFallback = implicitSender;
    }

    private static int s_number;

    public IActorRef Ref => TestActor;

    public ActorPath Path => TestActor.Path;

    /// <summary>Sends with the probe as sender.</summary>
    public void Send(IActorRef actor, object message) => actor.Tell(message, TestActor);

    /// <summary>Forwards the last received message, keeping its original sender.</summary>
    public void Forward(IActorRef actor) => actor.Tell(LastMessage ?? throw new InvalidOperationException("Nothing received to forward"), LastSender);

    public void Forward(IActorRef actor, object message) => actor.Tell(message, LastSender);

    /// <summary>Replies to the sender of the last received message.</summary>
    public void Reply(object message) => LastSender.Tell(message, TestActor);

    public void Tell(object message, IActorRef? sender) => TestActor.Tell(message, sender);

    public bool Equals(IActorRef? other) => TestActor.Equals(other);

    public int CompareTo(IActorRef? other) => TestActor.CompareTo(other);

    public override bool Equals(object? obj) => obj is IActorRef other && TestActor.Equals(other);

    public override int GetHashCode() => TestActor.GetHashCode();

    public override string ToString() => $"TestProbe({TestActor.Path})";
}
