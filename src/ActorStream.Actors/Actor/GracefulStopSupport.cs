using ActorStream.Dispatch;

namespace ActorStream.Actor;

/// <summary>GracefulStop: send a stop message and await the target's termination.</summary>
public static class GracefulStopSupport
{
    /// <summary>
    /// Sends <paramref name="stopMessage"/> (default <see cref="PoisonPill"/>) and completes with true once
    /// the target has stopped, or false if it did not within <paramref name="timeout"/>.
    /// Do not await this for Self from inside the actor: it cannot stop while it awaits.
    /// </summary>
    public static async Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout, object? stopMessage = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target is not IInternalActorRef internalRef || target is not LocalActorRef local)
        {
            throw new ArgumentException($"GracefulStop needs a local actor reference, got {target}", nameof(target));
        }

        var watcher = new PromiseActorRef<Terminated>(local.Cell.SystemImpl);
        internalRef.SendSystemMessage(new Watch(internalRef, new TerminationWatcher(watcher)));
        target.Tell(stopMessage ?? PoisonPill.Instance, ActorRefs.NoSender);
        var finished = await Task.WhenAny(watcher.Task, Task.Delay(timeout)).ConfigureAwait(false);
        if (finished == watcher.Task)
        {
            return true;
        }

        internalRef.SendSystemMessage(new Unwatch(internalRef, new TerminationWatcher(watcher)));
        return false;
    }

    /// <summary>Turns the DeathWatchNotification system message into a completed Terminated.</summary>
    private sealed class TerminationWatcher(PromiseActorRef<Terminated> promise) : MinimalActorRef
    {
        public override ActorPath Path => promise.Path;

        public override void SendSystemMessage(SystemMessage message)
        {
            if (message is DeathWatchNotification notification)
            {
                promise.TrySetResult(new Terminated(notification.Actor, notification.ExistenceConfirmed, notification.AddressTerminated));
            }
        }
    }
}
