namespace ActorStream.Actor;

/// <summary>Tell with the implicit sender (the current actor, or the TestKit's test actor) and Forward.</summary>
public static class ActorRefImplicitSenderExtensions
{
    /// <summary>Sends with the current actor as sender (none outside actors).</summary>
    public static void Tell(this IActorRef receiver, object message) => receiver.Tell(message, ActorCell.CurrentSelfOrNoSender);

    /// <summary>Sends keeping the original sender of the message being handled.</summary>
    public static void Forward(this IActorRef receiver, object message)
    {
        var cell = ActorCell.Current;
        receiver.Tell(message, cell is null ? ActorCell.ImplicitSenderFallback : cell.CurrentEnvelope.Sender);
    }
}
