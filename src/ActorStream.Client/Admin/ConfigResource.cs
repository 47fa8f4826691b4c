namespace ActorStream.Client.Admin;

/// <summary>Something with configuration: a topic (by name) or a broker (by node id). Immutable.</summary>
public sealed record ConfigResource
{
    /// <summary>The kind of resource.</summary>
    public ResourceType Type { get; init; }

    /// <summary>The topic name, or the broker's node id as text.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>"Topic 'orders'".</summary>
    public override string ToString() => $"{Type} '{Name}'";
}
