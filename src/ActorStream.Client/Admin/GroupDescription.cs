namespace ActorStream.Client.Admin;

/// <summary>A described group. Immutable.</summary>
/// <param name="GroupId">The group id.</param>
/// <param name="Error">The group's error, or <see cref="KafkaError.NoError"/>.</param>
/// <param name="State">Its state.</param>
/// <param name="ProtocolType">"consumer" for consumer groups.</param>
/// <param name="PartitionAssignor">The assignor chosen in the last rebalance (range, roundrobin …).</param>
/// <param name="Members">Its members.</param>
/// <param name="Coordinator">The broker coordinating it.</param>
public sealed record GroupDescription(string GroupId, KafkaError Error, ConsumerGroupState State, string ProtocolType, string PartitionAssignor,
    List<MemberDescription> Members, Node? Coordinator)
{
    /// <summary>True for groups without a membership protocol.</summary>
    public bool IsSimpleConsumerGroup => ProtocolType.Length == 0;
}
