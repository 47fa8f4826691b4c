using System.Text.Json;
using ActorStream.Serialization;

namespace ActorStream.Broker.Topics;

/// <summary>
/// Serializes <see cref="TopicEvents"/> and <see cref="TopicManagerSnapshot"/> for journals that store bytes (SQLite, PostgreSQL, the
/// serializing in-memory journal): UTF-8 JSON of the event's fields, with a short stable manifest per
/// event type. Identifier <see cref="Id"/>; manifests never change. Thread-safe.
/// </summary>
public sealed class TopicEventSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id stored with every event.</summary>
    public const int Id = 101;

    private const string CreatedManifest = "TopicCreated.v1";
    private const string DeletedManifest = "TopicDeleted.v1";
    private const string PartitionsManifest = "PartitionsCreated.v1";
    private const string ConfigsManifest = "TopicConfigsChanged.v1";
    private const string LogsDeletedManifest = "TopicLogsDeleted.v1";
    private const string SnapshotManifest = "TopicManagerSnapshot.v1";

    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.General);

    /// <summary>The single instance.</summary>
    public static TopicEventSerializer Instance { get; } = new();

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <summary>Binds every topic event type to this serializer in <paramref name="registry"/> (idempotent).</summary>
    public static void Register(SerializationRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Bind<TopicEvents.TopicCreated>(Instance)
            .Bind<TopicEvents.TopicDeleted>(Instance)
            .Bind<TopicEvents.PartitionsCreated>(Instance)
            .Bind<TopicEvents.TopicConfigsChanged>(Instance)
            .Bind<TopicEvents.TopicLogsDeleted>(Instance)
            .Bind<TopicManagerSnapshot>(Instance);
    }

    /// <inheritdoc />
    public override string Manifest(object obj) => obj switch
    {
        TopicEvents.TopicCreated => CreatedManifest,
        TopicEvents.TopicDeleted => DeletedManifest,
        TopicEvents.PartitionsCreated => PartitionsManifest,
        TopicEvents.TopicConfigsChanged => ConfigsManifest,
        TopicEvents.TopicLogsDeleted => LogsDeletedManifest,
        TopicManagerSnapshot => SnapshotManifest,
        _ => throw new ArgumentException($"{nameof(TopicEventSerializer)} cannot serialize {obj?.GetType().FullName}", nameof(obj)),
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
        CreatedManifest => Read<TopicEvents.TopicCreated>(bytes),
        DeletedManifest => Read<TopicEvents.TopicDeleted>(bytes),
        PartitionsManifest => Read<TopicEvents.PartitionsCreated>(bytes),
        ConfigsManifest => Read<TopicEvents.TopicConfigsChanged>(bytes),
        LogsDeletedManifest => Read<TopicEvents.TopicLogsDeleted>(bytes),
        SnapshotManifest => Read<TopicManagerSnapshot>(bytes),
        _ => throw new SerializerNotFoundException($"Unknown topic event manifest '{manifest}'"),
    };

    private static T Read<T>(byte[] bytes) =>
        JsonSerializer.Deserialize<T>(bytes, s_options) ?? throw new InvalidOperationException($"Stored {typeof(T).Name} is null");
}
