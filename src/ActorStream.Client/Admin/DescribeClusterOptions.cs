namespace ActorStream.Client.Admin;

/// <summary>Options of DescribeClusterAsync.</summary>
public sealed class DescribeClusterOptions : AdminOptions
{
    /// <summary>Also return the operations the caller may perform on the cluster.</summary>
    public bool IncludeAuthorizedOperations { get; set; }
}
