namespace ActorStream.Client.Admin;

/// <summary>A group in the cluster's list. Immutable.</summary>
/// <param name="GroupId">The group id.</param>
/// <param name="ProtocolType">"consumer" for consumer groups, empty for groups that only commit offsets.</param>
/// <param name="State">Its state (ListGroups v4+; <see cref="ConsumerGroupState.Unknown"/> before).</param>
public sealed record GroupListing(string GroupId, string ProtocolType, ConsumerGroupState State)
{
    /// <summary>True for groups without a membership protocol (offsets committed outside a group).</summary>
    public bool IsSimpleConsumerGroup => ProtocolType.Length == 0;
}
