namespace ActorStream.Client;

/// <summary>The cluster as one broker described it (the result of GetMetadata). Immutable.</summary>
/// <param name="Brokers">Every broker.</param>
/// <param name="Topics">The topics asked for (or all).</param>
/// <param name="OriginatingBrokerId">The broker that answered.</param>
/// <param name="OriginatingBrokerName">"host:port/id" of the broker that answered.</param>
public sealed record Metadata(List<BrokerMetadata> Brokers, List<TopicMetadata> Topics, int OriginatingBrokerId, string OriginatingBrokerName);
