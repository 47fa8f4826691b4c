namespace ActorStream.Actor;

/// <summary>PipeTo: deliver a task's outcome to an actor as a message (the safe way back into actor state).</summary>
public static class PipeToSupport
{
    /// <summary>Sends the result (or <see cref="Status.Failure"/>) to <paramref name="recipient"/> when the task completes.</summary>
    public static Task PipeTo<T>(this Task<T> task, ICanTell recipient, IActorRef? sender = null, Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        sender ??= ActorCell.CurrentSelfOrNoSender;
        return task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    recipient.Tell(success is null ? t.Result! : success(t.Result), sender);
                }
                else
                {
                    var cause = Unwrap(t);
                    recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Sends <paramref name="success"/>'s message (default <see cref="Status.Success"/>) or a failure when the task completes.</summary>
    public static Task PipeTo(this Task task, ICanTell recipient, IActorRef? sender = null, Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        sender ??= ActorCell.CurrentSelfOrNoSender;
        return task.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    recipient.Tell(success is null ? Status.Success.Instance : success(), sender);
                }
                else
                {
                    var cause = Unwrap(t);
                    recipient.Tell(failure is null ? new Status.Failure(cause) : failure(cause), sender);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static Exception Unwrap(Task t)
        => t.Exception is { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : (Exception?)t.Exception ?? new TaskCanceledException(t);
}
