namespace ActorStream.Serialization;

/// <summary>
/// Turns objects into bytes and back (Akka's <c>Serializer</c>). <see cref="Identifier"/> is stored
/// next to every payload, so it must never change once data exists: ids 0–40 are Akka's reserved
/// ids (mirrored only where we mirror Akka's format), ids 100 and above are ours.
/// Implementations must be thread-safe: one instance serves every caller.
/// </summary>
public abstract class Serializer
{
    /// <summary>Stable, unique id stored with each payload.</summary>
    public abstract int Identifier { get; }

    /// <summary>True when a manifest must travel with the bytes to deserialize them.</summary>
    public abstract bool IncludeManifest { get; }

    /// <summary>Serializes <paramref name="obj"/> into a new array.</summary>
    public abstract byte[] ToBinary(object obj);

    /// <summary>Deserializes <paramref name="bytes"/>; <paramref name="type"/> is the manifest type when known.</summary>
    public abstract object FromBinary(byte[] bytes, Type? type);

    /// <summary>
    /// Zero-copy path: when <paramref name="obj"/> already is its serialized form (raw bytes), returns
    /// those bytes without copying. Storage then writes them as they are. The default says no.
    /// </summary>
    public virtual bool TryGetBinary(object obj, out ReadOnlyMemory<byte> bytes)
    {
        bytes = default;
        return false;
    }

    /// <summary>The manifest stored with the bytes; the CLR type name for serializers that include one.</summary>
    public virtual string ManifestFor(object obj) => IncludeManifest ? SerializationRegistry.TypeManifest(obj.GetType()) : string.Empty;

    /// <summary>Deserializes using a stored manifest; the registry resolves <paramref name="manifestType"/> among bound types only.</summary>
    public virtual object FromBinary(byte[] bytes, string manifest, Type? manifestType) => FromBinary(bytes, manifestType);
}
