namespace ActorStream.Client;

/// <summary>Turns the bytes of a consumed key or value into a <typeparamref name="T"/>. Implementations must be thread-safe.</summary>
/// <typeparam name="T">The type produced.</typeparam>
public interface IDeserializer<T>
{
    /// <summary>Deserializes <paramref name="data"/>, a view into the fetched batch that is only valid during the call.</summary>
    /// <param name="data">The bytes (empty when <paramref name="isNull"/>).</param>
    /// <param name="isNull">True for a null key or value.</param>
    /// <param name="context">What is being deserialized.</param>
    T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context);
}
