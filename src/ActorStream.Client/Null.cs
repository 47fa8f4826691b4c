namespace ActorStream.Client;

/// <summary>The type of an always-null key or value (use with <see cref="Serializers.Null"/>).</summary>
public sealed class Null
{
    private Null()
    {
    }
}
