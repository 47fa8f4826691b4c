using System.Buffers;

namespace ActorStream.Client;

/// <summary>
/// A serializer that writes into a buffer the producer provides instead of returning a new array,
/// so producing allocates nothing per record. The producer prefers this interface when a
/// serializer implements both. Implementations must be thread-safe.
/// </summary>
/// <typeparam name="T">The type serialized.</typeparam>
public interface IBufferSerializer<T> : ISerializer<T>
{
    /// <summary>Writes the bytes of <paramref name="data"/> to <paramref name="output"/>.</summary>
    /// <param name="data">The key or value.</param>
    /// <param name="context">What is being serialized.</param>
    /// <param name="output">Where to write.</param>
    /// <returns>False (with nothing written) to write a null key or value.</returns>
    bool Serialize(T data, SerializationContext context, IBufferWriter<byte> output);
}
