using ActorStream.Dispatch;
using ActorStream.Event;

namespace ActorStream.Actor;

/// <summary>The root guardian's parent: it ends the system when the root stops and logs if the root fails.</summary>
internal sealed class TerminationObserver(ActorSystemImpl system, ActorPath path) : MinimalActorRef
{
    public override ActorPath Path { get; } = path;

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                system.EventStream.Publish(new Error(failed.Cause, failed.Child.Path.ToString(), typeof(RootGuardianActor), "The root guardian failed; stopping the system"));
                ((IInternalActorRef)failed.Child).Stop();
                break;
            case DeathWatchNotification:
                system.OnRootTerminated();
                break;
        }
    }
}
