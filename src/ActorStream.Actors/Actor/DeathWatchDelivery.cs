namespace ActorStream.Actor;

/// <summary>Carries a Terminated (or WatchWith message) through the user queue so Unwatch can still cancel it.</summary>
internal sealed record DeathWatchDelivery(IActorRef Subject, object Message) : IAutoReceivedMessage;
