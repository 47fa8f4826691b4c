namespace ActorStream.Broker.Topics;

/// <summary>
/// What the broker knows about one topic. <see cref="Configs"/> holds only the values set on the topic
/// (DYNAMIC_TOPIC_CONFIG); <see cref="EffectiveConfigs"/> holds every topic config with the broker
/// defaults filled in, which is what partition owners apply. Immutable.
/// </summary>
/// <param name="Name">The topic name.</param>
/// <param name="TopicId">The topic id (Kafka's UUID; never the zero UUID).</param>
/// <param name="PartitionCount">Partitions 0 .. PartitionCount-1.</param>
/// <param name="ReplicationFactor">Replicas per partition.</param>
/// <param name="Configs">Values set on the topic, by Kafka config name.</param>
/// <param name="EffectiveConfigs">Every topic config in force, by Kafka config name.</param>
/// <param name="CreatedAtMs">When the topic was created (epoch ms).</param>
public sealed record TopicMetadata(
    string Name,
    Guid TopicId,
    int PartitionCount,
    short ReplicationFactor,
    IReadOnlyDictionary<string, string> Configs,
    IReadOnlyDictionary<string, string> EffectiveConfigs,
    long CreatedAtMs)
{
    /// <summary>The value of config <paramref name="name"/> in force, or null for an unknown key.</summary>
    public string? GetConfig(string name) => EffectiveConfigs.TryGetValue(name, out var value) ? value : null;
}
