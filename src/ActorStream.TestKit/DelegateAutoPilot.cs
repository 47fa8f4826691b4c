using ActorStream.Actor;

namespace ActorStream.TestKit;

/// <summary>An <see cref="AutoPilot"/> from a function.</summary>
public sealed class DelegateAutoPilot(Func<IActorRef, object, AutoPilot> pilot) : AutoPilot
{
    public override AutoPilot Run(IActorRef sender, object message) => pilot(sender, message);
}
