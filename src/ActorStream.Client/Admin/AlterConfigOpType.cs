namespace ActorStream.Client.Admin;

/// <summary>What IncrementalAlterConfigs does with an entry (the wire values).</summary>
public enum AlterConfigOpType
{
    /// <summary>Set the value.</summary>
    Set = 0,

    /// <summary>Revert to the default.</summary>
    Delete = 1,

    /// <summary>Add to a list value.</summary>
    Append = 2,

    /// <summary>Remove from a list value.</summary>
    Subtract = 3,
}
