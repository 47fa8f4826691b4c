namespace ActorStream.Actor;

/// <summary>Every actor answers with <see cref="ActorIdentity"/> carrying the same <see cref="MessageId"/>.</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;
