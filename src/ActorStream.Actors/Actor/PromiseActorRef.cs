using System.Globalization;
using ActorStream.Dispatch;

namespace ActorStream.Actor;

/// <summary>
/// The temporary reference behind Ask, under <c>/temp</c>. It is its own task source, so an ask
/// costs one object plus the timeout registration; its path is built only if someone looks.
/// </summary>
internal sealed class PromiseActorRef<T> : TaskCompletionSource<T>, IInternalActorRef
{
    private readonly ActorSystemImpl _system;
    private readonly long _id;
    private ActorPath? _path;
    private Cancelable? _timeout;

    public PromiseActorRef(ActorSystemImpl system)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _system = system;
        _id = system.NextTempId();
    }

    public ActorPath Path => _path ??= _system.TempPath.ChildUnchecked("$" + _id.ToString(CultureInfo.InvariantCulture), _id);

    public IInternalActorRef Parent => _system.DeadLettersInternal;

    public bool IsTerminated => Task.IsCompleted;

    public void StartTimeout(TimeSpan timeout, object message, IActorRef target)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var cancelable = new Cancelable();
        _timeout = cancelable;
        _system.Scheduler.ScheduleOnce(timeout, () =>
        {
            if (!Task.IsCompleted)
            {
                TrySetException(new AskTimeoutException($"Ask timed out on [{target}] after [{timeout.TotalMilliseconds} ms]. Message of type [{message.GetType()}]. A typical reason for this is that the target actor did not reply."));
            }
        }, cancelable);
    }

    public void Tell(object message, IActorRef? sender)
    {
        bool completed;
        switch (message)
        {
            case T value:
                completed = TrySetResult(value);
                break;
            case Status.Failure failure:
                completed = TrySetException(failure.Cause);
                break;
            case Status.Success { Status: T value }:
                completed = TrySetResult(value);
                break;
            default:
                completed = TrySetException(new ArgumentException($"Ask expected a reply of type {typeof(T)} but got {message.GetType()}: {message}"));
                break;
        }

        _timeout?.Cancel();
        if (!completed)
        {
            _system.DeadLetters.Tell(new Event.DeadLetter(message, sender ?? _system.DeadLetters, this), sender);
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification)
        {
            _timeout?.Cancel();
            TrySetException(new AskTimeoutException("The target of the Ask stopped before it replied"));
        }
    }

    public void Stop() => TrySetCanceled();

    public IInternalActorRef? GetChild(string name) => null;

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public int CompareTo(IActorRef? other) => ActorRefComparer.Compare(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => _id.GetHashCode();

    public override string ToString() => $"[{Path}]";
}
