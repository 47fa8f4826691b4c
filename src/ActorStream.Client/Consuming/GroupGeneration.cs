namespace ActorStream.Client.Consuming;

/// <summary>A member's place in one generation of its group: what commits and heartbeats must carry. Immutable.</summary>
/// <param name="GenerationId">The generation id from JoinGroup.</param>
/// <param name="MemberId">The member id the coordinator assigned.</param>
/// <param name="GroupInstanceId">The static member id, if any.</param>
/// <param name="ProtocolName">The assignor the group uses.</param>
internal sealed record GroupGeneration(int GenerationId, string MemberId, string? GroupInstanceId, string ProtocolName);
