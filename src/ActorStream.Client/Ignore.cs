namespace ActorStream.Client;

/// <summary>The type of a key or value the application does not read (use with <see cref="Deserializers.Ignore"/>): always null, never decoded.</summary>
public sealed class Ignore
{
    private Ignore()
    {
    }
}
