namespace ActorStream.Actor;

/// <summary>The scheduled tick behind a receive timeout; stale generations are ignored.</summary>
internal sealed record ReceiveTimeoutTick(int Generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;
