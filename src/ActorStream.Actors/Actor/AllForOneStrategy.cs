namespace ActorStream.Actor;

/// <summary>Applies the directive to the failed child and all of its siblings.</summary>
public class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> localOnlyDecider, bool loggingEnabled = true)
        : base(maxNrOfRetries ?? -1, OneForOneStrategy.ToMilliseconds(withinTimeRange), localOnlyDecider, loggingEnabled)
    {
    }

    public AllForOneStrategy(Func<Exception, Directive> localOnlyDecider, bool loggingEnabled = true)
        : base(-1, -1, localOnlyDecider, loggingEnabled)
    {
    }

    internal override void ProcessFailure(ActorCell context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        if (children.Count == 0)
        {
            return;
        }

        var allowed = restart;
        if (restart)
        {
            foreach (var sibling in children)
            {
                allowed &= sibling.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRangeMilliseconds);
            }
        }

        foreach (var sibling in children)
        {
            if (allowed)
            {
                RestartChild(sibling.Child, cause, suspendFirst: !sibling.Child.Equals(child));
            }
            else
            {
                context.Stop(sibling.Child);
            }
        }
    }
}
