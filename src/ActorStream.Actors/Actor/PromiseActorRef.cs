using System.Globalization;
using ActorStream.Dispatch;

namespace ActorStream.Actor;

/// <summary>
/// The temporary reference behind Ask, under <c>/temp</c>. It is its own task source and its own
/// timeout handle (a completed promise counts as cancelled, so the scheduler drops its timeout
/// entry), so an ask costs this object plus one scheduler entry; the path is built only if asked for.
/// </summary>
internal sealed class PromiseActorRef<T> : TaskCompletionSource<T>, IInternalActorRef, ICancelable
{
    private readonly ActorSystemImpl _system;
    private readonly long _id;
    private ActorPath? _path;
    private object? _target;
    private Type? _messageType;
    private TimeSpan _timeout;

    public PromiseActorRef(ActorSystemImpl system)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        _system = system;
        _id = system.NextTempId();
    }

    public ActorPath Path => _path ??= _system.TempPath.ChildUnchecked("$" + _id.ToString(CultureInfo.InvariantCulture), _id);

    public IInternalActorRef Parent => _system.DeadLettersInternal;

    public ActorSystemImpl System => _system;

    public bool IsTerminated => Task.IsCompleted;

    public void StartTimeout(TimeSpan timeout, object message, object target)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        _timeout = timeout;
        _target = target;
        _messageType = message.GetType();
        _system.Scheduler.ScheduleTellOnce(timeout, this, AskTimedOut.Instance, null, this);
    }

    public void Tell(object message, IActorRef? sender)
    {
        bool completed;
        switch (message)
        {
            case AskTimedOut when ReferenceEquals(message, AskTimedOut.Instance) && sender is null:
                TrySetException(new AskTimeoutException($"Ask timed out on [{_target}] after [{_timeout.TotalMilliseconds} ms]. Message of type [{_messageType}]. A typical reason is that the recipient did not reply."));
                return;
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

        if (!completed)
        {
            _system.DeadLetters.Tell(new Event.DeadLetter(message, sender ?? _system.DeadLetters, this), sender);
        }
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification)
        {
            TrySetException(new AskTimeoutException("The target of the Ask stopped before it replied"));
        }
    }

    public void Stop() => TrySetCanceled();

    // ICancelable: the timeout entry counts as cancelled once the ask completed.
    bool ICancelable.IsCancellationRequested => Task.IsCompleted;

    CancellationToken ICancelable.Token => CancellationToken.None;

    void ICancelable.Cancel() => TrySetCanceled();

    void ICancelable.Cancel(bool throwOnFirstException) => TrySetCanceled();

    void ICancelable.CancelAfter(TimeSpan delay) => throw new NotSupportedException();

    /// <summary>The scheduler's signal that the ask ran out of time.</summary>
    private sealed class AskTimedOut
    {
        public static readonly AskTimedOut Instance = new();
    }

    public IInternalActorRef? GetChild(string name) => null;

    public bool Equals(IActorRef? other) => ReferenceEquals(this, other);

    public int CompareTo(IActorRef? other) => ActorRefComparer.Compare(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => _id.GetHashCode();

    public override string ToString() => $"[{Path}]";
}
