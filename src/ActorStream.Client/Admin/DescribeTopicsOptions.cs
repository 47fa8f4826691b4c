namespace ActorStream.Client.Admin;

/// <summary>Options of DescribeTopicsAsync.</summary>
public sealed class DescribeTopicsOptions : AdminOptions
{
}
