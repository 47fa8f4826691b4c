namespace ActorStream.Actor;

/// <summary>A behavior: handles a message and returns false when it does not (then it is unhandled).</summary>
public delegate bool Receive(object message);
