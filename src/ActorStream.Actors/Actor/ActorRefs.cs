namespace ActorStream.Actor;

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>Use as sender when there is none; replies go to dead letters.</summary>
    public static readonly IActorRef? NoSender;

    /// <summary>A reference that points nowhere; messages to it are dropped.</summary>
    public static IActorRef Nobody => ActorStream.Actor.Nobody.Instance;
}
