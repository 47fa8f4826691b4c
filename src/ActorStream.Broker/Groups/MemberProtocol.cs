namespace ActorStream.Broker.Groups;

/// <summary>
/// One entry of a member's JoinGroup protocol list: an assignor name ("range", "roundrobin", …) and the
/// metadata for it (for protocol type "consumer", a ConsumerProtocolSubscription). The list order is the
/// member's preference. The bytes are opaque to the coordinator and must not be changed after the
/// command is handed over.
/// </summary>
public sealed record MemberProtocol(string Name, ReadOnlyMemory<byte> Metadata);
