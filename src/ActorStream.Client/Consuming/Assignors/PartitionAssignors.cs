namespace ActorStream.Client.Consuming.Assignors;

/// <summary>The built-in assignors by partition.assignment.strategy name. Stateless and thread-safe.</summary>
internal static class PartitionAssignors
{
    /// <summary>The assignor named <paramref name="name"/> (range, roundrobin, sticky, cooperative-sticky, case-insensitive), or null.</summary>
    public static IPartitionAssignor? ByName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "range" => new RangeAssignor(),
        "roundrobin" => new RoundRobinAssignor(),
        "sticky" => new StickyAssignor(),
        "cooperative-sticky" => new CooperativeStickyAssignor(),
        _ => null,
    };
}
