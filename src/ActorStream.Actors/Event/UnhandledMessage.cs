using ActorStream.Actor;

namespace ActorStream.Event;

/// <summary>Published when an actor's behavior did not handle a message.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
