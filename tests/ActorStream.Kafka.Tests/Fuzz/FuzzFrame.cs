using ActorStream.Kafka.Protocol;

namespace ActorStream.Kafka.Tests.Fuzz;

/// <summary>One frame of a fuzz connection: its bytes, how they were made, and the header the node will read from them.</summary>
internal sealed record FuzzFrame(byte[] Bytes, ApiKey ApiKey, short ApiVersion, int CorrelationId, MutationKind Mutation);
