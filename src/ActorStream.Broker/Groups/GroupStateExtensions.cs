namespace ActorStream.Broker.Groups;

/// <summary>Kafka's spelling of <see cref="GroupState"/> values. Stateless and thread-safe.</summary>
public static class GroupStateExtensions
{
    /// <summary>
    /// The state name as Kafka spells it in DescribeGroups and ListGroups responses:
    /// "Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead".
    /// </summary>
    public static string ToKafkaName(this GroupState state) => state switch
    {
        GroupState.Empty => "Empty",
        GroupState.PreparingRebalance => "PreparingRebalance",
        GroupState.CompletingRebalance => "CompletingRebalance",
        GroupState.Stable => "Stable",
        _ => "Dead",
    };
}
