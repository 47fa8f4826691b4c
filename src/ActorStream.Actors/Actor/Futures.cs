namespace ActorStream.Actor;

/// <summary>Ask: send a message and await one reply as a task.</summary>
public static class Futures
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and completes with the first reply.
    /// A <see cref="Status.Failure"/> reply faults with its cause; no reply within the timeout
    /// (default <c>actorstream.actor.ask-timeout</c>, 30s) faults with <see cref="AskTimeoutException"/>.
    /// </summary>
    public static Task<T> Ask<T>(this ICanTell self, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(message);
        var promise = new PromiseActorRef<T>(ResolveSystem(self));
        return Start(self, promise, message, timeout, cancellationToken);
    }

    public static Task<object> Ask(this ICanTell self, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        => Ask<object>(self, message, timeout, cancellationToken);

    /// <summary>Ask where the message needs the temporary reply-to reference.</summary>
    public static Task<T> Ask<T>(this ICanTell self, Func<IActorRef, object> messageFactory, TimeSpan? timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(messageFactory);
        var promise = new PromiseActorRef<T>(ResolveSystem(self));
        return Start(self, promise, messageFactory(promise), timeout, cancellationToken);
    }

    private static Task<T> Start<T>(ICanTell self, PromiseActorRef<T> promise, object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var effectiveTimeout = timeout ?? promise.System.Settings.AskTimeout;
        if (effectiveTimeout <= TimeSpan.Zero && effectiveTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The Ask timeout must be positive or infinite");
        }

        promise.StartTimeout(effectiveTimeout, message, self);
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.UnsafeRegister(static s => ((PromiseActorRef<T>)s!).TrySetCanceled(), promise);
            promise.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        self.Tell(message, promise);
        return promise.Task;
    }

    private static ActorSystemImpl ResolveSystem(ICanTell target) => target switch
    {
        LocalActorRef local => local.Cell.SystemImpl,
        ActorSelection selection when selection.Anchor is LocalActorRef anchor => anchor.Cell.SystemImpl,
        _ => ActorCell.Current?.SystemImpl ?? ActorSystemImpl.Default
            ?? throw new InvalidOperationException($"Cannot Ask {target}: it does not belong to a running actor system"),
    };
}
