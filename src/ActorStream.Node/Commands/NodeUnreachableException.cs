namespace ActorStream.Node.Commands;

/// <summary>No bootstrap server accepted a connection (exit code 1).</summary>
internal sealed class NodeUnreachableException(string message) : Exception(message);
