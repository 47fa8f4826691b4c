using Microsoft.Extensions.Logging;

namespace ActorStream.Actor;

/// <summary>The system as seen by extensions: system actors and the logger factory.</summary>
public abstract class ExtendedActorSystem : ActorSystem
{
    /// <summary>Creates an actor under <c>/system</c> (for runtime services, not applications).</summary>
    public abstract IActorRef SystemActorOf(Props props, string? name = null);

    /// <summary>The factory logs are written to, if one was given at start.</summary>
    public abstract ILoggerFactory? LoggerFactory { get; }

    /// <summary>True once termination has begun.</summary>
    public abstract bool IsTerminating { get; }
}
