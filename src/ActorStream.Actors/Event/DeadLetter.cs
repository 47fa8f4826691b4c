using ActorStream.Actor;

namespace ActorStream.Event;

/// <summary>Published when a message could not be delivered (stopped recipient, full bounded mailbox, no reply taker).</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient)
{
    public override string ToString() => $"DeadLetter from {Sender} to {Recipient}: <{Message}>";
}
