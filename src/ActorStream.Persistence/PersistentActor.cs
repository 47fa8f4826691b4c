namespace ActorStream.Persistence;

/// <summary>A persistent actor with <c>ReceiveRecover</c> and <c>ReceiveCommand</c> methods that return whether they handled the message.</summary>
public abstract class PersistentActor : Eventsourced
{
}
