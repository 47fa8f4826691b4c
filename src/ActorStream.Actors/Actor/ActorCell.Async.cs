using ActorStream.Dispatch;
using ActorStream.Event;

namespace ActorStream.Actor;

internal sealed partial class ActorCell
{
    private ActorSynchronizationContext? _syncContext;
    private Envelope _asyncEnvelope;
    private TimerScheduler? _timers;
    private TimeSpan? _receiveTimeout;
    private int _receiveTimeoutGeneration;
    private ICancelable? _receiveTimeoutTask;

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    /// <summary>
    /// Runs an async handler as the actor: awaits inside it resume on this actor's turn, and the
    /// mailbox stays suspended for user messages until the task completes (system messages still flow).
    /// </summary>
    internal void RunTask(Func<Task> handler)
    {
        var previous = SynchronizationContext.Current;
        _syncContext ??= new ActorSynchronizationContext(this);
        SynchronizationContext.SetSynchronizationContext(_syncContext);

        // Set before the handler runs: a continuation may be posted before the handler returns its task.
        _asyncEnvelope = _current;
        Task task;
        try
        {
            task = handler();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            _asyncEnvelope = default;
            task.GetAwaiter().GetResult();
            return;
        }

        Mailbox.Suspend();
        var completed = new AsyncHandlerCompleted(task, _current);
        var mailbox = Mailbox;
        task.ContinueWith(
            static (_, state) =>
            {
                var (box, message) = ((Mailbox, AsyncHandlerCompleted))state!;
                box.PostSystem(message);
            },
            (mailbox, completed),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Posted by the actor's synchronization context: the next step of an async handler.</summary>
    internal void PostContinuation(SendOrPostCallback callback, object? state)
        => Mailbox.PostSystem(new RunContinuation(callback, state, _asyncEnvelope));

    private void RunAsyncContinuation(RunContinuation run)
    {
        if (_isTerminating)
        {
            SystemImpl.EventStream.Publish(new Debug(Self.Path.ToString(), Props.Type, "An async continuation arrived while the actor was stopping; it was dropped"));
            return;
        }

        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        _current = run.Envelope;
        _turn++;
        try
        {
            run.Callback(run.State);
        }
        finally
        {
            _current = default;
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void OnAsyncHandlerCompleted(AsyncHandlerCompleted completed)
    {
        _asyncEnvelope = default;
        Mailbox.Resume();
        if (_isTerminating || completed.Task.IsCompletedSuccessfully)
        {
            return;
        }

        _current = completed.Envelope;
        try
        {
            var cause = completed.Task.Exception?.InnerExceptions.Count == 1
                ? completed.Task.Exception.InnerException!
                : (Exception?)completed.Task.Exception ?? new TaskCanceledException("The async handler was cancelled");
            HandleInvokeFailure(cause);
        }
        finally
        {
            _current = default;
        }
    }

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is null || timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan)
        {
            _receiveTimeout = null;
            CancelReceiveTimeout();
            return;
        }

        _receiveTimeout = timeout;
        RescheduleReceiveTimeout();
    }

    private void RescheduleReceiveTimeout()
    {
        _receiveTimeoutTask?.Cancel();
        var generation = ++_receiveTimeoutGeneration;
        _receiveTimeoutTask = SystemImpl.Scheduler.ScheduleTellOnceCancelable(_receiveTimeout!.Value, Self, new ReceiveTimeoutTick(generation), Self);
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeoutGeneration++;
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = null;
    }
}
