namespace ActorStream.Client;

/// <summary>A broker of the cluster. Immutable.</summary>
/// <param name="Id">The broker's node id.</param>
/// <param name="Host">Host name the broker advertises.</param>
/// <param name="Port">Port the broker advertises.</param>
/// <param name="Rack">The broker's rack, if it has one.</param>
public sealed record Node(int Id, string Host, int Port, string? Rack = null);
