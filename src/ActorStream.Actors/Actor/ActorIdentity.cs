namespace ActorStream.Actor;

/// <summary>Reply to <see cref="Identify"/>; <see cref="Subject"/> is null when nothing answered to the path.</summary>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);
