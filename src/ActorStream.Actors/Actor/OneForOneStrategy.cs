namespace ActorStream.Actor;

/// <summary>Applies the directive to the failed child only.</summary>
public class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> localOnlyDecider, bool loggingEnabled = true)
        : base(maxNrOfRetries ?? -1, ToMilliseconds(withinTimeRange), localOnlyDecider, loggingEnabled)
    {
    }

    public OneForOneStrategy(int maxNrOfRetries, int withinTimeMilliseconds, Func<Exception, Directive> localOnlyDecider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeMilliseconds, localOnlyDecider, loggingEnabled)
    {
    }

    public OneForOneStrategy(Func<Exception, Directive> localOnlyDecider, bool loggingEnabled = true)
        : base(-1, -1, localOnlyDecider, loggingEnabled)
    {
    }

    internal static int ToMilliseconds(TimeSpan? window)
        => window is null || window == Timeout.InfiniteTimeSpan ? -1 : (int)Math.Min(int.MaxValue, window.Value.TotalMilliseconds);

    internal override void ProcessFailure(ActorCell context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyList<ChildRestartStats> children)
    {
        if (restart && stats.RequestRestartPermission(MaxNumberOfRetries, WithinTimeRangeMilliseconds))
        {
            RestartChild(child, cause, suspendFirst: false);
        }
        else
        {
            context.Stop(child);
        }
    }
}
