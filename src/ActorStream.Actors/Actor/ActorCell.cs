using ActorStream.Dispatch;
using ActorStream.Event;

namespace ActorStream.Actor;

/// <summary>
/// The runtime half of an actor: its mailbox, current behavior, children, watchers and fault state.
/// All members except the thread-safe entry points (Post via the mailbox, ActorOf on guardians,
/// TryGetChild) run on the actor's own turn, one message at a time, so they need no locks.
/// </summary>
/// <remarks>
/// Lifecycle:
/// <code>
///   Create ──► Running ──failure──► Failed (suspended) ──Resume──► Running
///                 │                      └──Recreate──► [await stopped children] ──► Running (new instance)
///                 └──Terminate──► Terminating [await children] ──► Terminated (mailbox closed)
/// </code>
/// </remarks>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic]
    private static ActorCell? s_current;

    private static readonly AsyncLocal<IActorRef?> s_implicitSender = new();

    private ActorBase? _actor;
    private Envelope _current;
    private long _turn;
    private Receive _behavior = static _ => false;
    private List<Receive>? _behaviorStack;
    private bool _isTerminating;
    private bool _isTerminated;

    public ActorCell(ActorSystemImpl system, IInternalActorRef parent, Props props, ActorPath path, Mailbox mailbox)
    {
        SystemImpl = system;
        ParentRef = parent;
        Props = props;
        Mailbox = mailbox;
        Self = new LocalActorRef(this, path);
        mailbox.SetActor(this);
    }

    /// <summary>The cell whose turn runs on this thread, if any.</summary>
    public static ActorCell? Current => s_current;

    /// <summary>Sender used by <c>Tell(message)</c> outside actors (the TestKit sets its test actor here).</summary>
    public static IActorRef? ImplicitSenderFallback
    {
        get => s_implicitSender.Value;
        set => s_implicitSender.Value = value;
    }

    public static IActorRef? CurrentSelfOrNoSender => s_current?.Self ?? s_implicitSender.Value;

    public ActorSystemImpl SystemImpl { get; }

    public IInternalActorRef ParentRef { get; }

    public Props Props { get; }

    public Mailbox Mailbox { get; }

    public LocalActorRef Self { get; }

    public ActorBase? Actor => _actor;

    public bool IsTerminated => Volatile.Read(ref _isTerminated);

    public bool IsTerminating => _isTerminating;

    public Envelope CurrentEnvelope => _current;

    /// <summary>Counts the turns that handled a user message (or ran an async continuation); the stash tells deliveries apart by it.</summary>
    internal long Turn => _turn;

    IActorRef IActorContext.Self => Self;

    public IActorRef Sender => _current.Sender ?? SystemImpl.DeadLetters;

    public IActorRef Parent => ParentRef;

    public ActorSystem System => SystemImpl;

    public MessageDispatcher Dispatcher => Mailbox.Dispatcher;

    public ILoggingAdapter Log => _log ??= new BusLogging(SystemImpl.EventStream, Self.Path.ToString(), _actor?.GetType() ?? Props.Type, SystemImpl.Settings.LogLevel);

    private ILoggingAdapter? _log;

    /// <summary>Starts the cell: the Create system message builds the actor on its first turn.</summary>
    public void Start() => Mailbox.PostSystem(Create.Instance);

    // ------------------------------------------------------------------ invoke

    /// <summary>Handles one user message on this actor's turn.</summary>
    public void Invoke(in Envelope envelope)
    {
        _current = envelope;
        _turn++;
        try
        {
            var message = envelope.Message;
            if (message is IAutoReceivedMessage)
            {
                AutoReceiveMessage(envelope);
            }
            else if (message is TimerScheduler.TimerMessage timerMessage)
            {
                if (_timers is not null && _timers.TryAccept(timerMessage, out var inner))
                {
                    ReceiveMessage(inner);
                }
            }
            else
            {
                ReceiveMessage(message);
            }

            if (_receiveTimeout is not null && InfluencesReceiveTimeout(message))
            {
                RescheduleReceiveTimeout();
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            _current = default;
        }
    }

    /// <summary>Marks this cell as the one running on this thread for the length of a turn.</summary>
    public ActorCell? EnterTurn()
    {
        var previous = s_current;
        s_current = this;
        return previous;
    }

    public static void ExitTurn(ActorCell? previous) => s_current = previous;

    private static bool InfluencesReceiveTimeout(object message)
        => message is TimerScheduler.TimerMessage timer ? timer.Message is not INotInfluenceReceiveTimeout : message is not INotInfluenceReceiveTimeout;

    private void ReceiveMessage(object message)
    {
        if (!_actor!.AroundReceive(_behavior, message))
        {
            _actor!.UnhandledInternal(message);
        }
    }

    private void AutoReceiveMessage(in Envelope envelope)
    {
        switch (envelope.Message)
        {
            case DeathWatchDelivery delivery:
                if (_terminatedQueued is not null && _terminatedQueued.Remove(delivery.Subject))
                {
                    ReceiveMessage(delivery.Message);
                }

                break;
            case PoisonPill:
                Self.Stop();
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                break;
            case ReceiveTimeoutTick tick:
                if (tick.Generation == _receiveTimeoutGeneration && _receiveTimeout is not null)
                {
                    ReceiveMessage(ActorStream.Actor.ReceiveTimeout.Instance);
                    if (_receiveTimeout is not null && tick.Generation == _receiveTimeoutGeneration)
                    {
                        RescheduleReceiveTimeout();
                    }
                }

                break;
            default:
                ReceiveMessage(envelope.Message);
                break;
        }
    }

    // ------------------------------------------------------------------ behaviors

    public void Become(Receive receive)
    {
        if (_behaviorStack is { Count: > 0 })
        {
            _behaviorStack[^1] = receive;
        }

        _behavior = receive;
    }

    public void BecomeStacked(Receive receive)
    {
        _behaviorStack ??= [];
        if (_behaviorStack.Count == 0)
        {
            _behaviorStack.Add(_behavior);
        }

        _behaviorStack.Add(receive);
        _behavior = receive;
    }

    public void UnbecomeStacked()
    {
        if (_behaviorStack is { Count: > 1 })
        {
            _behaviorStack.RemoveAt(_behaviorStack.Count - 1);
            _behavior = _behaviorStack[^1];
        }
    }

    private void ResetBehavior(ActorBase actor)
    {
        _behaviorStack?.Clear();
        _behavior = actor.Receive;
    }

    /// <summary>Sets the sender of the message being handled (persistent actors run event handlers with the command's sender); returns the previous one.</summary>
    internal IActorRef SwapCurrentSender(IActorRef? sender)
    {
        var previous = Sender;
        _current = new Envelope(_current.Message ?? sender ?? (object)SystemImpl.DeadLetters, sender);
        return previous;
    }

    /// <summary>Called by ActorBase's constructor so the new instance can find its cell.</summary>
    internal void AttachActor(ActorBase actor)
    {
        _actor = actor;
        if (actor is IWithTimers withTimers)
        {
            _timers ??= new TimerScheduler(this);
            withTimers.Timers = _timers;
        }

        if (actor is IActorStash stash)
        {
            stash.Stash = new UnboundedStash(this);
        }
    }

    // ------------------------------------------------------------------ system messages

    /// <summary>Handles one system message on this actor's turn.</summary>
    public void SystemInvoke(SystemMessage message)
    {
        var previous = s_current;
        s_current = this;
        try
        {
            switch (message)
            {
                case Create:
                    CreateActor();
                    break;
                case RunContinuation run:
                    RunAsyncContinuation(run);
                    break;
                case AsyncHandlerCompleted completed:
                    OnAsyncHandlerCompleted(completed);
                    break;
                case DeathWatchNotification notification:
                    HandleDeathWatchNotification(notification);
                    break;
                case Watch watch:
                    AddWatcher(watch.Watchee, watch.Watcher);
                    break;
                case Unwatch unwatch:
                    RemoveWatcher(unwatch.Watchee, unwatch.Watcher);
                    break;
                case Failed failed:
                    HandleFailed(failed);
                    break;
                case Suspend:
                    FaultSuspend();
                    break;
                case Resume resume:
                    FaultResume(resume.CausedByFailure);
                    break;
                case Recreate recreate:
                    FaultRecreate(recreate.Cause);
                    break;
                case ActorStream.Dispatch.Terminate:
                    Terminate();
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            s_current = previous;
        }
    }

    /// <summary>A system message reached a closed mailbox: answer watches so watchers still get Terminated.</summary>
    public void SystemMessageAfterTermination(SystemMessage message)
    {
        switch (message)
        {
            case Watch watch when watch.Watchee.Equals(Self) && !watch.Watcher.Equals(Self):
                watch.Watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: false, addressTerminated: false));
                break;
            case RunContinuation:
                SystemImpl.EventStream.Publish(new Debug(Self.Path.ToString(), GetType(), "An async continuation arrived after the actor stopped; it was dropped"));
                break;
        }
    }

    private void CreateActor()
    {
        try
        {
            var actor = NewActor();
            actor.AroundPreStart();
            PublishLifecycle("started");
        }
        catch (Exception e)
        {
            var cause = e as ActorInitializationException ?? new ActorInitializationException(Self, $"Exception during creation of {Self.Path}: {e.Message}", e);
            HandleInvokeFailure(cause);
        }
    }

    private ActorBase NewActor()
    {
        _actor = null;
        _behaviorStack?.Clear();
        var previous = s_current;
        s_current = this;
        try
        {
            var actor = Props.NewActor();
            if (!ReferenceEquals(_actor, actor))
            {
                throw new ActorInitializationException(Self, "The actor was not created by its Props on this cell", null);
            }

            ResetBehavior(actor);
            return actor;
        }
        finally
        {
            s_current = previous;
        }
    }

    private void PublishLifecycle(string what)
    {
        if (SystemImpl.Settings.DebugLifecycle)
        {
            SystemImpl.EventStream.Publish(new Debug(Self.Path.ToString(), _actor?.GetType() ?? Props.Type, what));
        }
    }

    public override string ToString() => $"ActorCell({Self.Path})";
}
