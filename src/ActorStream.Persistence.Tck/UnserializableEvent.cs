namespace ActorStream.Persistence.Tck;

/// <summary>An event type the spec registry deliberately leaves unbound: writing it must be rejected.</summary>
public sealed record UnserializableEvent(string Value);
