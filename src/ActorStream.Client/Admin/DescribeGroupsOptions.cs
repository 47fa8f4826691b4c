namespace ActorStream.Client.Admin;

/// <summary>Options of DescribeGroupsAsync.</summary>
public sealed class DescribeGroupsOptions : AdminOptions
{
    /// <summary>Also return the operations the caller may perform (DescribeGroups v3+).</summary>
    public bool IncludeAuthorizedOperations { get; set; }
}
