namespace ActorStream.Actor;

/// <summary>The parent of top-level actors (<c>/user</c>) and of runtime actors (<c>/system</c>).</summary>
internal sealed class GuardianActor : ActorBase
{
    protected internal override bool Receive(object message) => message is Terminated;
}

/// <summary>
/// The root (<c>/</c>): stops <c>/system</c> once <c>/user</c> is gone, then itself, which ends the
/// system. Guardians that fail are stopped rather than restarted.
/// </summary>
internal sealed class RootGuardianActor : ActorBase
{
    protected override void PreStart()
    {
        Context.Watch(Context.Child("user"));
        Context.Watch(Context.Child("system"));
    }

    protected internal override bool Receive(object message)
    {
        if (message is not Terminated terminated)
        {
            return false;
        }

        if (terminated.ActorRef.Path.Name == "user")
        {
            Context.Stop(Context.Child("system"));
        }
        else if (terminated.ActorRef.Path.Name == "system")
        {
            Context.Stop(Self);
        }

        return true;
    }

    protected override SupervisorStrategy SupervisorStrategy() => ActorStream.Actor.SupervisorStrategy.StoppingStrategy;
}
