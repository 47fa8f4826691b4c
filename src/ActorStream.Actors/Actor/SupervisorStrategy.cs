using ActorStream.Dispatch;
using ActorStream.Event;

namespace ActorStream.Actor;

/// <summary>
/// Decides what happens to a failed child. The decider maps the exception to a <see cref="Directive"/>;
/// restarts beyond <see cref="MaxNumberOfRetries"/> within <see cref="WithinTimeRangeMilliseconds"/> become Stop.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>OneForOne, unlimited restarts; initialization, kill and death-pact failures stop the child.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops a failing child whatever the failure.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(static _ => Directive.Stop);

    protected SupervisorStrategy(int maxNrOfRetries, int withinTimeMilliseconds, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRangeMilliseconds = withinTimeMilliseconds;
        Decider = decider ?? throw new ArgumentNullException(nameof(decider));
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Restarts allowed within the window; negative means unlimited.</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary>The window for <see cref="MaxNumberOfRetries"/>; non-positive means no window.</summary>
    public int WithinTimeRangeMilliseconds { get; }

    public Func<Exception, Directive> Decider { get; }

    public bool LoggingEnabled { get; }

    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>Applies the directive; false means escalate.</summary>
    internal bool HandleFailure(ActorCell context, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        var directive = Decider(cause);
        LogFailure(context, child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                ((IInternalActorRef)child).SendSystemMessage(new Resume(cause));
                return true;
            case Directive.Restart:
                ProcessFailure(context, restart: true, child, cause, stats, children);
                return true;
            case Directive.Stop:
                ProcessFailure(context, restart: false, child, cause, stats, children);
                return true;
            default:
                return false;
        }
    }

    internal abstract void ProcessFailure(ActorCell context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children);

    /// <summary>Restarts a child; siblings that did not fail are suspended first so the restart is uniform.</summary>
    internal static void RestartChild(IActorRef child, Exception cause, bool suspendFirst)
    {
        var target = (IInternalActorRef)child;
        if (suspendFirst)
        {
            target.SendSystemMessage(Suspend.Instance);
        }

        target.SendSystemMessage(new Recreate(cause));
    }

    private void LogFailure(ActorCell context, IActorRef child, Exception cause, Directive directive)
    {
        if (!LoggingEnabled || directive == Directive.Escalate)
        {
            return;
        }

        var source = child.Path.ToString();
        var text = $"{cause.GetType().Name}: {cause.Message} (directive: {directive})";
        context.SystemImpl.EventStream.Publish(directive == Directive.Resume
            ? new Warning(source, context.Props.Type, text)
            : new Error(cause, source, context.Props.Type, text));
    }
}
