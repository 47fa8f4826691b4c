namespace ActorStream.Actor;

/// <summary>Makes the actor throw <see cref="ActorKilledException"/>, which the default strategy answers with Stop.</summary>
public sealed class Kill : IAutoReceivedMessage
{
    public static readonly Kill Instance = new();

    private Kill()
    {
    }

    public override string ToString() => "<Kill>";
}
