using System.Text.Json;
using ActorStream.Serialization;

namespace ActorStream.Broker.Groups;

/// <summary>
/// Serializes <see cref="GroupRegistryEvents"/> and <see cref="GroupRegistrySnapshot"/> for journals and
/// snapshot stores that store bytes: UTF-8 JSON of the fields, with a short stable manifest per type.
/// Identifier <see cref="Id"/>; manifests never change. Thread-safe.
/// </summary>
public sealed class GroupRegistryEventSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id stored with every event.</summary>
    public const int Id = 102;

    private const string RegisteredManifest = "GroupRegistered.v1";
    private const string UnregisteredManifest = "GroupUnregistered.v1";
    private const string SnapshotManifest = "GroupRegistrySnapshot.v1";

    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.General);

    /// <summary>The single instance.</summary>
    public static GroupRegistryEventSerializer Instance { get; } = new();

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <summary>Binds the registry's event and snapshot types to this serializer in <paramref name="registry"/> (idempotent).</summary>
    public static void Register(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Bind<GroupRegistryEvents.GroupRegistered>(Instance)
            .Bind<GroupRegistryEvents.GroupUnregistered>(Instance)
            .Bind<GroupRegistrySnapshot>(Instance);
    }

    /// <inheritdoc />
    public override string Manifest(object obj) => obj switch
    {
        GroupRegistryEvents.GroupRegistered => RegisteredManifest,
        GroupRegistryEvents.GroupUnregistered => UnregisteredManifest,
        GroupRegistrySnapshot => SnapshotManifest,
        _ => throw new ArgumentException($"{nameof(GroupRegistryEventSerializer)} cannot serialize {obj?.GetType().FullName}", nameof(obj)),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        _ = Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), s_options);
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        RegisteredManifest => Read<GroupRegistryEvents.GroupRegistered>(bytes),
        UnregisteredManifest => Read<GroupRegistryEvents.GroupUnregistered>(bytes),
        SnapshotManifest => Read<GroupRegistrySnapshot>(bytes),
        _ => throw new SerializerNotFoundException($"Unknown group registry manifest '{manifest}'"),
    };

    private static T Read<T>(byte[] bytes) =>
        JsonSerializer.Deserialize<T>(bytes, s_options) ?? throw new InvalidOperationException($"Stored {typeof(T).Name} is null");
}
