using ActorStream.Actor;

namespace ActorStream.TestKit.Internal;

/// <summary>Mutable knobs shared by a TestKit and its test actor (ignore filter, auto pilot).</summary>
internal sealed class TestActorSettings
{
    private volatile Func<object, bool>? _ignore;
    private volatile AutoPilot? _autoPilot;

    public Func<object, bool>? Ignore
    {
        get => _ignore;
        set => _ignore = value;
    }

    public AutoPilot? AutoPilot
    {
        get => _autoPilot;
        set => _autoPilot = value;
    }

    internal sealed record WatchCommand(IActorRef Subject, TaskCompletionSource Done);

    internal sealed record UnwatchCommand(IActorRef Subject, TaskCompletionSource Done);
}
