namespace ActorStream.Broker.Topics;

/// <summary>The operation of one IncrementalAlterConfigs entry, numbered as on the wire (KIP-339).</summary>
public enum AlterConfigOp : sbyte
{
    /// <summary>SET: replace the value.</summary>
    Set = 0,

    /// <summary>DELETE: remove the topic's value, reverting to the default.</summary>
    Delete = 1,

    /// <summary>APPEND: add items to a list config (items already present are kept once).</summary>
    Append = 2,

    /// <summary>SUBTRACT: remove items from a list config.</summary>
    Subtract = 3,
}
