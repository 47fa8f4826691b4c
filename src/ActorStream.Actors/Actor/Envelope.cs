namespace ActorStream.Actor;

/// <summary>A message with its sender, as it sits in a mailbox. Immutable.</summary>
public readonly struct Envelope
{
    public Envelope(object message, IActorRef? sender)
    {
        Message = message;
        Sender = sender;
    }

    public object Message { get; }

    public IActorRef? Sender { get; }

    public override string ToString() => $"<{Message}> from {Sender?.ToString() ?? "NoSender"}";
}
