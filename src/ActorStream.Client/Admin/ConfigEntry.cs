namespace ActorStream.Client.Admin;

/// <summary>A configuration change for AlterConfigsAsync or IncrementalAlterConfigsAsync.</summary>
public sealed class ConfigEntry
{
    /// <summary>The property, e.g. retention.ms.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The new value (ignored by <see cref="AlterConfigOpType.Delete"/>).</summary>
    public string? Value { get; set; }

    /// <summary>The operation for IncrementalAlterConfigsAsync (Set by default).</summary>
    public AlterConfigOpType IncrementalOperation { get; set; }
}
