namespace ActorStream.Actor;

/// <summary>The value of a completed operation that has no result.</summary>
public sealed class Done
{
    public static readonly Done Instance = new();

    private Done()
    {
    }

    public override string ToString() => "Done";
}
