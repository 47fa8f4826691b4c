namespace ActorStream.Client.Admin;

/// <summary>Options of AlterConfigsAsync and IncrementalAlterConfigsAsync.</summary>
public sealed class AlterConfigsOptions : AdminOptions
{
    /// <summary>Only check that the changes are valid.</summary>
    public bool ValidateOnly { get; set; }
}
