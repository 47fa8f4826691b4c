namespace ActorStream.Broker.Groups;

/// <summary>
/// Messages of <see cref="GroupCoordinatorActor"/> beyond the <see cref="GroupProtocol"/> commands it
/// accepts. Immutable.
/// </summary>
public static class GroupCoordinatorActorProtocol
{
    /// <summary>
    /// Stops the coordinator in mailbox order (its router's stop message): unlike PoisonPill it waits
    /// behind a write in progress, so the requests stashed meanwhile are answered before it stops.
    /// </summary>
    public sealed record Stop
    {
        /// <summary>The single instance.</summary>
        public static Stop Instance { get; } = new();

        private Stop()
        {
        }
    }

    /// <summary>Asks for a <see cref="GroupSummary"/> of the group's durable state.</summary>
    public sealed record GetGroupSummary
    {
        /// <summary>The single instance.</summary>
        public static GetGroupSummary Instance { get; } = new();

        private GetGroupSummary()
        {
        }
    }

    /// <summary>The group's durable state as recovered or last changed.</summary>
    /// <param name="GroupId">The group id.</param>
    /// <param name="State">Current state (Dead when the group does not exist).</param>
    /// <param name="GenerationId">The generation.</param>
    /// <param name="ProtocolName">The chosen assignor, or null.</param>
    /// <param name="LeaderId">The leader's member id, or null.</param>
    /// <param name="MemberIds">Members in join order.</param>
    /// <param name="Offsets">Committed offsets by partition.</param>
    public sealed record GroupSummary(
        string GroupId,
        GroupState State,
        int GenerationId,
        string? ProtocolName,
        string? LeaderId,
        IReadOnlyList<string> MemberIds,
        IReadOnlyDictionary<TopicPartition, CommittedOffset> Offsets);
}
