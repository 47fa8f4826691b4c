namespace ActorStream.Node.Commands;

/// <summary>The exit codes of the operator commands.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A Kafka error, or the node could not be reached.</summary>
    public const int Error = 1;

    /// <summary>Bad command line.</summary>
    public const int Usage = 2;
}
