namespace ActorStream.Serialization;

/// <summary>
/// A serializer that stores a short, stable manifest code of its own choosing instead of a CLR type
/// name, so types can be renamed or moved without breaking stored data (Akka's
/// <c>SerializerWithStringManifest</c>). Thread-safe like every serializer.
/// </summary>
public abstract class SerializerWithStringManifest : Serializer
{
    /// <inheritdoc />
    public sealed override bool IncludeManifest => true;

    /// <summary>The short manifest code for <paramref name="obj"/>.</summary>
    public abstract string Manifest(object obj);

    /// <summary>Deserializes bytes written for <paramref name="manifest"/>.</summary>
    public abstract object FromBinary(byte[] bytes, string manifest);

    /// <inheritdoc />
    public sealed override string ManifestFor(object obj) => Manifest(obj);

    /// <inheritdoc />
    public sealed override object FromBinary(byte[] bytes, string manifest, Type? manifestType) => FromBinary(bytes, manifest);

    /// <inheritdoc />
    public sealed override object FromBinary(byte[] bytes, Type? type) =>
        throw new NotSupportedException($"{GetType().Name} deserializes by string manifest, not by type.");
}
