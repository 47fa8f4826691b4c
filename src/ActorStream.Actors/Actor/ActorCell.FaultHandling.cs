using ActorStream.Dispatch;
using ActorStream.Event;

namespace ActorStream.Actor;

internal sealed partial class ActorCell
{
    private bool _isFailed;
    private object? _failedMessage;
    private Exception? _pendingRecreateCause;
    private SupervisorStrategy? _strategy;

    private SupervisorStrategy Strategy
        => _strategy ??= Props.SupervisorStrategy ?? _actor?.SupervisorStrategyInternal() ?? SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// The current message (or a lifecycle hook) threw: suspend this actor and its children and
    /// let the parent's strategy decide. The failing message is not retried.
    /// </summary>
    private void HandleInvokeFailure(Exception cause)
    {
        if (_isTerminating)
        {
            SystemImpl.EventStream.Publish(new Error(cause, Self.Path.ToString(), _actor?.GetType() ?? Props.Type, "Failure while stopping: " + cause.Message));
            return;
        }

        if (_isFailed)
        {
            return;
        }

        _isFailed = true;
        _failedMessage = _current.Message;
        Mailbox.Suspend();
        SendToChildren(Suspend.Instance);
        ParentRef.SendSystemMessage(new Failed(Self, cause, Self.Path.Uid));
    }

    /// <summary>A child failed: apply the strategy; rethrowing escalates to our own parent.</summary>
    private void HandleFailed(Failed failed)
    {
        var stats = TryGetChildStats(failed.Child);
        if (stats is null || failed.Child.Path.Uid != failed.Uid)
        {
            return; // a notice from an incarnation that is already gone
        }

        if (_stoppingChildren is not null && _stoppingChildren.Contains(failed.Child))
        {
            return; // it is stopping anyway
        }

        if (!Strategy.HandleFailure(this, failed.Child, failed.Cause, stats, ChildStatsSnapshot()))
        {
            throw failed.Cause;
        }
    }

    private void FaultSuspend()
    {
        Mailbox.Suspend();
        SendToChildren(Suspend.Instance);
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_actor is null && causedByFailure is not null)
        {
            FaultCreate();
            return;
        }

        if (causedByFailure is not null)
        {
            _isFailed = false;
            _failedMessage = null;
        }

        Mailbox.Resume();
        SendToChildren(new Resume(null));
    }

    private void FaultRecreate(Exception cause)
    {
        if (_actor is null)
        {
            FaultCreate();
            return;
        }

        if (_isTerminating)
        {
            return;
        }

        var failedActor = _actor;
        try
        {
            failedActor.AroundPreRestart(cause, _failedMessage);
        }
        catch (Exception e)
        {
            SystemImpl.EventStream.Publish(new Error(e, Self.Path.ToString(), failedActor.GetType(), "PreRestart threw: " + e.Message));
        }
        finally
        {
            ClearActorState();
            Props.Release(failedActor);
            _actor = null;
        }

        if (_stoppingChildren is { Count: > 0 })
        {
            _pendingRecreateCause = cause;
        }
        else
        {
            FinishRecreate(cause);
        }
    }

    private void FinishRecreate(Exception cause)
    {
        var survivors = ChildrenSnapshot();
        try
        {
            try
            {
                Mailbox.Resume();
            }
            finally
            {
                _isFailed = false;
                _failedMessage = null;
            }

            var fresh = NewActor();
            fresh.AroundPostRestart(cause);
            PublishLifecycle("restarted");
            foreach (var child in survivors)
            {
                child.SendSystemMessage(new Recreate(cause));
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(Self, $"Exception after restart of {Self.Path}: {e.Message}", e));
        }
    }

    private void FaultCreate()
    {
        try
        {
            Mailbox.Resume();
        }
        finally
        {
            _isFailed = false;
            _failedMessage = null;
        }

        CreateActor();
    }

    private void ClearActorState()
    {
        CancelReceiveTimeout();
        _timers?.CancelAll();
        _strategy = null;
    }

    /// <summary>Stop: children first, then PostStop, then Terminated to every watcher.</summary>
    private void Terminate()
    {
        if (_isTerminating)
        {
            return;
        }

        _isTerminating = true;
        CancelReceiveTimeout();
        _timers?.CancelAll();
        CloseChildren();
        Mailbox.Suspend();
        StopAllChildren();
        FinishTerminateIfChildrenGone();
    }

    private void FinishTerminateIfChildrenGone()
    {
        if (_isTerminating && !IsTerminated && ChildCount == 0)
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        try
        {
            actor?.AroundPostStop();
        }
        catch (Exception e)
        {
            SystemImpl.EventStream.Publish(new Error(e, Self.Path.ToString(), actor?.GetType() ?? Props.Type, "PostStop threw: " + e.Message));
        }
        finally
        {
            try
            {
                Volatile.Write(ref _isTerminated, true);
                Mailbox.BecomeClosed();
            }
            finally
            {
                TellWatchersWeDied();
                SystemImpl.EventStream.Unsubscribe(Self);
                if (actor is not null)
                {
                    Props.Release(actor);
                }

                _actor = null;
                _behavior = static _ => false;
                PublishLifecycle("stopped");
            }
        }
    }
}
