namespace ActorStream.Client.Admin;

/// <summary>The cluster: id, controller and brokers. Immutable.</summary>
/// <param name="ClusterId">The cluster id.</param>
/// <param name="Controller">The controller, if known.</param>
/// <param name="Nodes">Every broker.</param>
/// <param name="AuthorizedOperations">Bit field of permitted operations when asked for, else null.</param>
public sealed record DescribeClusterResult(string? ClusterId, Node? Controller, List<Node> Nodes, int? AuthorizedOperations);
