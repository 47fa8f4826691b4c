namespace ActorStream.Actor;

/// <summary>Sent to an actor that set a receive timeout and got no message for that long.</summary>
public sealed class ReceiveTimeout : IAutoReceivedMessage, INotInfluenceReceiveTimeout
{
    public static readonly ReceiveTimeout Instance = new();

    private ReceiveTimeout()
    {
    }

    public override string ToString() => "<ReceiveTimeout>";
}
