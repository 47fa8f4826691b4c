namespace ActorStream.Broker.Groups;

/// <summary>
/// A member's assignment as the group leader computed it (for protocol type "consumer", a
/// ConsumerProtocolAssignment). Opaque to the coordinator.
/// </summary>
public sealed record MemberAssignment(string MemberId, ReadOnlyMemory<byte> Assignment);
