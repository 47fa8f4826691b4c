namespace ActorStream.Client.Admin;

/// <summary>Options of ListGroupsAsync.</summary>
public sealed class ListGroupsOptions : AdminOptions
{
    /// <summary>Only groups in these states (ListGroups v4+); null or empty for all.</summary>
    public IEnumerable<ConsumerGroupState>? MatchStates { get; set; }
}
