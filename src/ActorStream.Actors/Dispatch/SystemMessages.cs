using ActorStream.Actor;

namespace ActorStream.Dispatch;

/// <summary>
/// Messages the runtime sends between cells. They travel in their own queue, drained before and
/// between ordinary messages, so watch, stop and failure handling never wait behind user traffic.
/// </summary>
internal abstract class SystemMessage
{
}

internal sealed class Create : SystemMessage
{
    public static readonly Create Instance = new();
}

internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

internal sealed class Suspend : SystemMessage
{
    public static readonly Suspend Instance = new();
}

internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}

internal sealed class Terminate : SystemMessage
{
    public static readonly Terminate Instance = new();
}

internal sealed class Watch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}

internal sealed class Unwatch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;

    public IInternalActorRef Watcher { get; } = watcher;
}

internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed, bool addressTerminated) : SystemMessage
{
    public IActorRef Actor { get; } = actor;

    public bool ExistenceConfirmed { get; } = existenceConfirmed;

    public bool AddressTerminated { get; } = addressTerminated;
}

internal sealed class Failed(IActorRef child, Exception cause, long uid) : SystemMessage
{
    public IActorRef Child { get; } = child;

    public Exception Cause { get; } = cause;

    public long Uid { get; } = uid;
}

/// <summary>A continuation of an async handler, run as the actor.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state, Envelope envelope) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;

    public object? State { get; } = state;

    public Envelope Envelope { get; } = envelope;
}

/// <summary>The task of an async handler completed; the mailbox may resume.</summary>
internal sealed class AsyncHandlerCompleted(Task task, Envelope envelope) : SystemMessage
{
    public Task Task { get; } = task;

    public Envelope Envelope { get; } = envelope;
}
