namespace ActorStream.Client.Admin;

/// <summary>Options of CreatePartitionsAsync.</summary>
public sealed class CreatePartitionsOptions : AdminOptions
{
    /// <summary>Only check that the partitions could be created.</summary>
    public bool ValidateOnly { get; set; }

    /// <summary>How long the controller may take before answering; null uses the call's time limit.</summary>
    public TimeSpan? OperationTimeout { get; set; }
}
