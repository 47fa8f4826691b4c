using System.Text.Json;
using ActorStream.Serialization;

namespace ActorStream.Broker.Groups;

/// <summary>
/// Serializes the <see cref="GroupEvents"/> a <see cref="GroupCoordinatorActor"/> persists, for journals
/// that store bytes (SQLite, PostgreSQL, the serializing in-memory journal): UTF-8 JSON of the event's
/// fields (byte fields as base64), with a short stable manifest per event type. Identifier
/// <see cref="Id"/>; manifests never change. Thread-safe.
/// </summary>
public sealed class GroupCoordinatorActorEventSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id stored with every event.</summary>
    public const int Id = 100;

    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.General);

    private static readonly (Type Type, string Manifest)[] s_manifests =
    [
        (typeof(GroupEvents.GroupCreated), "GroupCreated.v1"),
        (typeof(GroupEvents.MemberJoined), "MemberJoined.v1"),
        (typeof(GroupEvents.MemberUpdated), "MemberUpdated.v1"),
        (typeof(GroupEvents.StaticMemberReplaced), "StaticMemberReplaced.v1"),
        (typeof(GroupEvents.MemberRemoved), "MemberRemoved.v1"),
        (typeof(GroupEvents.RebalanceStarted), "RebalanceStarted.v1"),
        (typeof(GroupEvents.GroupRebalanced), "GroupRebalanced.v1"),
        (typeof(GroupEvents.AssignmentsStored), "AssignmentsStored.v1"),
        (typeof(GroupEvents.OffsetsCommitted), "OffsetsCommitted.v1"),
        (typeof(GroupEvents.OffsetsExpired), "OffsetsExpired.v1"),
        (typeof(GroupEvents.GroupDeleted), "GroupDeleted.v1"),
    ];

    private static readonly Dictionary<Type, string> s_byType = BuildByType();
    private static readonly Dictionary<string, Type> s_byManifest = BuildByManifest();

    /// <summary>The single instance.</summary>
    public static GroupCoordinatorActorEventSerializer Instance { get; } = new();

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <summary>Binds every group event type to this serializer in <paramref name="registry"/> (idempotent).</summary>
    public static void Register(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var (type, _) in s_manifests)
        {
            registry.Bind(type, Instance);
        }
    }

    /// <inheritdoc />
    public override string Manifest(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return s_byType.TryGetValue(obj.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{nameof(GroupCoordinatorActorEventSerializer)} cannot serialize {obj.GetType().FullName}", nameof(obj));
    }

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        _ = Manifest(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), s_options);
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!s_byManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializerNotFoundException($"Unknown group event manifest '{manifest}'");
        }

        return JsonSerializer.Deserialize(bytes, type, s_options)
            ?? throw new InvalidOperationException($"Stored {type.Name} is null");
    }

    private static Dictionary<Type, string> BuildByType()
    {
        var map = new Dictionary<Type, string>();
        foreach (var (type, manifest) in s_manifests)
        {
            map.Add(type, manifest);
        }

        return map;
    }

    private static Dictionary<string, Type> BuildByManifest()
    {
        var map = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var (type, manifest) in s_manifests)
        {
            map.Add(manifest, type);
        }

        return map;
    }
}
