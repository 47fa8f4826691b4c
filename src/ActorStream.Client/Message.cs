namespace ActorStream.Client;

/// <summary>A record to produce (or one that was consumed).</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public class Message<TKey, TValue> : MessageMetadata
{
    /// <summary>The key; records with equal keys go to the same partition.</summary>
    public TKey Key { get; set; } = default!;

    /// <summary>The value; a null value is a tombstone.</summary>
    public TValue Value { get; set; } = default!;
}
