namespace ActorStream.Kafka.Handlers;

/// <summary>The host and port a broker advertises to clients.</summary>
public sealed record BrokerEndpoint(string Host, int Port);
