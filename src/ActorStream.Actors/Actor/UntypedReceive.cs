namespace ActorStream.Actor;

/// <summary>A behavior of an <see cref="UntypedActor"/>: handles every message (calling Unhandled itself when needed).</summary>
public delegate void UntypedReceive(object message);
