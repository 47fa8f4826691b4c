namespace ActorStream.Actor;

/// <summary>An ordinary message that stops the actor when it is dequeued (after what was sent before it).</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }

    public override string ToString() => "<PoisonPill>";
}
