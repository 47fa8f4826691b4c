using System.Collections.Concurrent;

namespace ActorStream.Serialization;

/// <summary>
/// The one registry used for storage (and later for the wire): explicit bindings from a type to a
/// serializer, and serializers by id for reading. There is no catch-all binding: a type that is not
/// bound (itself, a base class or an interface it implements) fails with
/// <see cref="SerializerNotFoundException"/> naming the type. Lookup prefers the most specific
/// binding: the exact type, then base classes nearest first, then interfaces.
/// <para>Thread-safe. Bind everything before first use: a later <see cref="Bind"/> is visible to
/// later lookups only.</para>
/// </summary>
public sealed class SerializationRegistry
{
    private readonly ConcurrentDictionary<Type, Serializer> _bindings = new();
    private readonly ConcurrentDictionary<int, Serializer> _byId = new();
    private readonly ConcurrentDictionary<Type, Serializer> _resolved = new();
    private readonly ConcurrentDictionary<string, Type?> _manifestTypes = new(StringComparer.Ordinal);

    /// <summary>
    /// A registry with the built-in bindings: raw bytes (<c>byte[]</c>, <c>ReadOnlyMemory&lt;byte&gt;</c>,
    /// <c>Memory&lt;byte&gt;</c>, <c>ArraySegment&lt;byte&gt;</c>, <c>IMemoryOwner&lt;byte&gt;</c>) to
    /// <see cref="ByteArraySerializer"/>, and <c>string</c>, <c>int</c>, <c>long</c>, <c>bool</c>,
    /// <c>double</c> to <see cref="PrimitiveSerializer"/>.
    /// </summary>
    public static SerializationRegistry CreateDefault()
    {
        var registry = new SerializationRegistry();
        var bytes = ByteArraySerializer.Instance;
        registry.Bind<byte[]>(bytes)
            .Bind<ReadOnlyMemory<byte>>(bytes)
            .Bind<Memory<byte>>(bytes)
            .Bind<ArraySegment<byte>>(bytes)
            .Bind<System.Buffers.IMemoryOwner<byte>>(bytes);
        var primitives = PrimitiveSerializer.Instance;
        registry.Bind<string>(primitives).Bind<int>(primitives).Bind<long>(primitives).Bind<bool>(primitives).Bind<double>(primitives);
        return registry;
    }

    /// <summary>The manifest a type-including serializer stores: "Full.Type.Name, AssemblyName".</summary>
    public static string TypeManifest(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    /// <summary>Registers <paramref name="serializer"/> for reading without binding any type to it.</summary>
    /// <exception cref="ArgumentException">Another serializer already uses the same id.</exception>
    public SerializationRegistry Add(Serializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        var existing = _byId.GetOrAdd(serializer.Identifier, serializer);
        if (!ReferenceEquals(existing, serializer) && existing.GetType() != serializer.GetType())
        {
            throw new ArgumentException(
                $"Serializer id {serializer.Identifier} is used by both {existing.GetType().FullName} and {serializer.GetType().FullName}.",
                nameof(serializer));
        }

        return this;
    }

    /// <summary>Binds <paramref name="type"/> (and its subtypes/implementors) to <paramref name="serializer"/>.</summary>
    public SerializationRegistry Bind(Type type, Serializer serializer)
    {
        ArgumentNullException.ThrowIfNull(type);
        Add(serializer);
        _bindings[type] = serializer;
        _resolved.Clear();
        return this;
    }

    /// <summary>Binds <typeparamref name="T"/> to <paramref name="serializer"/>.</summary>
    public SerializationRegistry Bind<T>(Serializer serializer) => Bind(typeof(T), serializer);

    /// <summary>The serializer bound to the runtime type of <paramref name="obj"/>.</summary>
    /// <exception cref="SerializerNotFoundException">Nothing is bound for that type.</exception>
    public Serializer FindSerializerFor(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return FindSerializerFor(obj.GetType());
    }

    /// <summary>The serializer bound to <paramref name="type"/>, a base class or an interface.</summary>
    /// <exception cref="SerializerNotFoundException">Nothing is bound for that type.</exception>
    public Serializer FindSerializerFor(Type type)
    {
        if (_resolved.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var found = Resolve(type) ?? throw new SerializerNotFoundException(
            $"No serializer is bound for type '{type.FullName}' (assembly {type.Assembly.GetName().Name}). " +
            "Bind it (or a base type or interface) explicitly in the SerializationRegistry; there is no catch-all serializer.");
        _resolved[type] = found;
        return found;
    }

    /// <summary>The serializer with <paramref name="serializerId"/>.</summary>
    /// <exception cref="SerializerNotFoundException">No serializer with that id is registered.</exception>
    public Serializer GetSerializerById(int serializerId) =>
        _byId.TryGetValue(serializerId, out var serializer)
            ? serializer
            : throw new SerializerNotFoundException($"No serializer with id {serializerId} is registered; stored data needs it to be read.");

    /// <summary>
    /// Serializes <paramref name="obj"/>. Raw-byte payloads come back as the caller's own memory
    /// (no copy); anything else is one new array produced by its serializer.
    /// </summary>
    public SerializedPayload Serialize(object obj)
    {
        var serializer = FindSerializerFor(obj);
        var manifest = serializer.ManifestFor(obj);
        return serializer.TryGetBinary(obj, out var bytes)
            ? new SerializedPayload(bytes, serializer.Identifier, manifest)
            : new SerializedPayload(serializer.ToBinary(obj), serializer.Identifier, manifest);
    }

    /// <summary>Deserializes stored bytes with the serializer that wrote them.</summary>
    public object Deserialize(byte[] bytes, int serializerId, string manifest)
    {
        var serializer = GetSerializerById(serializerId);
        if (serializer is SerializerWithStringManifest || !serializer.IncludeManifest || manifest.Length == 0)
        {
            return serializer.FromBinary(bytes, manifest, null);
        }

        return serializer.FromBinary(bytes, manifest, ResolveManifestType(manifest, serializer));
    }

    private Type ResolveManifestType(string manifest, Serializer serializer)
    {
        var type = _manifestTypes.GetOrAdd(manifest, static m => Type.GetType(m, throwOnError: false));
        if (type is null)
        {
            throw new SerializerNotFoundException($"Stored manifest '{manifest}' names a type that cannot be loaded.");
        }

        // Only types bound to this very serializer may be materialised from a stored name.
        if (!ReferenceEquals(Resolve(type), serializer))
        {
            throw new SerializerNotFoundException(
                $"Stored manifest '{manifest}' names a type that is not bound to serializer {serializer.Identifier}.");
        }

        return type;
    }

    private Serializer? Resolve(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (_bindings.TryGetValue(t, out var serializer))
            {
                return serializer;
            }
        }

        foreach (var iface in type.GetInterfaces())
        {
            if (_bindings.TryGetValue(iface, out var serializer))
            {
                return serializer;
            }
        }

        return null;
    }
}
