namespace ActorStream.Persistence;

/// <summary>A persistent actor with one method for commands and one for recovery; call Unhandled for messages it does not take.</summary>
public abstract class UntypedPersistentActor : Eventsourced
{
    protected sealed override bool ReceiveCommand(object message)
    {
        OnCommand(message);
        return true;
    }

    protected sealed override bool ReceiveRecover(object message)
    {
        OnRecover(message);
        return true;
    }

    protected abstract void OnCommand(object message);

    protected abstract void OnRecover(object message);
}
