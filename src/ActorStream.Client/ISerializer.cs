namespace ActorStream.Client;

/// <summary>Turns a key or value into bytes. Implementations must be thread-safe.</summary>
/// <typeparam name="T">The type serialized.</typeparam>
public interface ISerializer<T>
{
    /// <summary>Serializes <paramref name="data"/>; returns null to write a null key or value.</summary>
    /// <param name="data">The key or value.</param>
    /// <param name="context">What is being serialized.</param>
    byte[]? Serialize(T data, SerializationContext context);
}
