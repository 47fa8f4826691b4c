namespace ActorStream.Client.Admin;

/// <summary>A member of a described group. Immutable.</summary>
/// <param name="ConsumerId">The member id the coordinator gave it.</param>
/// <param name="GroupInstanceId">Its static membership id, if any.</param>
/// <param name="ClientId">The member's client.id.</param>
/// <param name="Host">The address it connected from.</param>
/// <param name="Assignment">Its partitions (decoded for consumer groups; empty otherwise).</param>
public sealed record MemberDescription(string ConsumerId, string? GroupInstanceId, string ClientId, string Host, MemberAssignment Assignment);
