namespace ActorStream.Serialization;

/// <summary>
/// A payload in its stored form: the bytes, the serializer id and the manifest to read it back.
/// <see cref="Bytes"/> may alias the caller's memory (zero-copy bytes path), so it is valid only
/// until the write that carries it is acknowledged.
/// </summary>
public readonly record struct SerializedPayload(ReadOnlyMemory<byte> Bytes, int SerializerId, string Manifest);
