namespace ActorStream.Node.Commands;

/// <summary>The command line is well-formed but its values do not make sense together (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);
