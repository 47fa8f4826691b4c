using ActorStream.Actor;

namespace ActorStream.TestKit;

/// <summary>
/// Reacts to messages the test actor receives (e.g. replies) before they are queued for expectations.
/// Return the pilot to use for the next message: <see cref="KeepRunning"/>, <see cref="NoAutoPilot"/>, or another.
/// </summary>
public abstract class AutoPilot
{
    public static readonly AutoPilot NoAutoPilot = new NoPilot();

    public static readonly AutoPilot KeepRunning = new KeepRunningPilot();

    public abstract AutoPilot Run(IActorRef sender, object message);

    private sealed class NoPilot : AutoPilot
    {
        public override AutoPilot Run(IActorRef sender, object message) => this;
    }

    private sealed class KeepRunningPilot : AutoPilot
    {
        public override AutoPilot Run(IActorRef sender, object message) => throw new InvalidOperationException("KeepRunning is a marker, not a pilot");
    }
}
