using System.Collections.Frozen;

namespace ActorStream.Client.Configuration;

/// <summary>
/// The properties each client type accepts, by Kafka (Java client) name. The consumer adds its own
/// set the same way. Immutable and thread-safe.
/// </summary>
internal static class ConfigDefinitions
{
    /// <summary>Properties every client accepts.</summary>
    public static readonly ConfigKey[] Common =
    [
        ConfigKey.List("bootstrap.servers"),
        ConfigKey.Str("client.id", string.Empty),
        ConfigKey.Int("request.timeout.ms", 30_000),
        ConfigKey.Long("metadata.max.age.ms", 300_000),
        ConfigKey.Long("retry.backoff.ms", 100),
        ConfigKey.Long("retry.backoff.max.ms", 1_000),
        ConfigKey.Long("reconnect.backoff.ms", 50),
        ConfigKey.Long("reconnect.backoff.max.ms", 1_000),
        ConfigKey.Long("socket.connection.setup.timeout.ms", 10_000),
        ConfigKey.Long("connections.max.idle.ms", 540_000, min: -1),
        ConfigKey.Int("send.buffer.bytes", 131_072, min: -1),
        ConfigKey.Int("receive.buffer.bytes", 65_536, min: -1),
        ConfigKey.Int("receive.message.max.bytes", 104_857_600, min: 1024),
        ConfigKey.Enum("security.protocol", "PLAINTEXT", "PLAINTEXT"),
    ];

    /// <summary>Producer properties (besides <see cref="Common"/>).</summary>
    public static readonly ConfigKey[] ProducerOnly =
    [
        ConfigKey.Enum("acks", "all", "all", "-1", "0", "1"),
        ConfigKey.Long("linger.ms", 5),
        ConfigKey.Int("batch.size", 16_384),
        ConfigKey.Long("buffer.memory", 33_554_432, min: 1),
        ConfigKey.Long("max.block.ms", 60_000),
        ConfigKey.Int("delivery.timeout.ms", 120_000, min: 1),
        ConfigKey.Bool("enable.idempotence", true),
        ConfigKey.Int("max.in.flight.requests.per.connection", 5, min: 1),
        ConfigKey.Int("retries", int.MaxValue),
        ConfigKey.Enum("compression.type", "none", "none", "gzip", "snappy", "lz4", "zstd"),
        ConfigKey.Int("max.request.size", 1_048_576, min: 1),
        ConfigKey.Bool("partitioner.ignore.keys", false),
        ConfigKey.Long("metadata.max.idle.ms", 300_000, min: 5_000),
    ];

    /// <summary>Admin client properties (besides <see cref="Common"/>).</summary>
    public static readonly ConfigKey[] AdminOnly =
    [
        ConfigKey.Int("default.api.timeout.ms", 60_000, min: 1),
        ConfigKey.Int("retries", int.MaxValue),
    ];

    public static readonly FrozenDictionary<string, ConfigKey> Client = Build(Common);

    public static readonly FrozenDictionary<string, ConfigKey> Producer = Build(Common, ProducerOnly);

    public static readonly FrozenDictionary<string, ConfigKey> Admin = Build(Common, AdminOnly);

    private static FrozenDictionary<string, ConfigKey> Build(params ConfigKey[][] sets)
    {
        var all = new Dictionary<string, ConfigKey>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var key in set)
            {
                all[key.Name] = key;
            }
        }

        return all.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
