namespace ActorStream.Serialization;

/// <summary>
/// No serializer is bound for a type, or no serializer has a stored id. Bindings are explicit (no
/// catch-all), so this is raised the first time an unbound type is written, naming the type.
/// </summary>
public sealed class SerializerNotFoundException : Exception
{
    public SerializerNotFoundException(string message)
        : base(message)
    {
    }

    public SerializerNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SerializerNotFoundException()
    {
    }
}
