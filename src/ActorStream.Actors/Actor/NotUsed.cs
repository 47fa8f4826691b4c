namespace ActorStream.Actor;

/// <summary>A placeholder value where a type parameter must be filled but no value matters.</summary>
public sealed class NotUsed
{
    public static readonly NotUsed Instance = new();

    private NotUsed()
    {
    }
}
