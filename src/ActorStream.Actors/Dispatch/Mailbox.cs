using System.Collections.Concurrent;
using System.Diagnostics;
using ActorStream.Actor;

namespace ActorStream.Dispatch;

/// <summary>
/// An actor's two queues (system and user) and its scheduling state. At most one thread runs a
/// mailbox at a time (the Scheduled bit), which is what makes an actor single-threaded.
/// A turn drains system messages first, then up to <c>throughput</c> user messages, draining
/// system messages again between them.
/// </summary>
/// <remarks>
/// Status word: bit 0 Closed (final), bit 1 Scheduled, the rest a suspend count in units of 4.
/// A suspended mailbox still runs for system messages.
/// </remarks>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Closed = 1;
    private const int Scheduled = 2;
    private const int SuspendUnit = 4;

    private readonly ConcurrentQueue<SystemMessage> _system = new();
    private int _status;

    /// <summary>System messages enqueued and not yet taken; a cheap check between user messages.</summary>
    private int _systemPending;

    public Mailbox(MessageQueue queue, MessageDispatcher dispatcher)
    {
        Queue = queue;
        Dispatcher = dispatcher;
    }

    public MessageQueue Queue { get; }

    public MessageDispatcher Dispatcher { get; }

    public ActorCell Cell { get; private set; } = null!;

    public bool IsClosed => (Volatile.Read(ref _status) & Closed) != 0;

    public bool IsSuspended => Volatile.Read(ref _status) >= SuspendUnit;

    public bool HasSystemMessages => Volatile.Read(ref _systemPending) > 0;

    public void SetActor(ActorCell cell) => Cell = cell;

    /// <summary>Enqueues a user message and schedules the mailbox; refused messages go to dead letters.</summary>
    public void Post(IActorRef receiver, in Envelope envelope)
    {
        if (!Queue.TryEnqueue(envelope))
        {
            Cell.SystemImpl.DeadLetters.Tell(new Event.DeadLetter(envelope.Message, envelope.Sender ?? Cell.SystemImpl.DeadLetters, receiver), envelope.Sender);
            return;
        }

        var status = Volatile.Read(ref _status);
        if (status == 0)
        {
            if (Interlocked.CompareExchange(ref _status, Scheduled, 0) == 0)
            {
                Dispatcher.Execute(this);
            }
            else
            {
                Dispatcher.RegisterForExecution(this, true, false);
            }
        }
        else if ((status & Closed) != 0)
        {
            // The actor stopped between our check and the enqueue: hand what is left to dead letters.
            DrainUserToDeadLetters(ownerThread: false);
        }
    }

    public void PostSystem(SystemMessage message)
    {
        Interlocked.Increment(ref _systemPending);
        _system.Enqueue(message);
        if (IsClosed)
        {
            DrainSystemAfterClose();
            return;
        }

        Dispatcher.RegisterForExecution(this, false, true);
    }

    /// <summary>True when a turn is warranted: open, not already scheduled, and something to do.</summary>
    public bool CanBeScheduledForExecution(bool hasMessageHint, bool hasSystemMessageHint)
    {
        var status = Volatile.Read(ref _status);
        if ((status & (Closed | Scheduled)) != 0)
        {
            return false;
        }

        if (hasSystemMessageHint || HasSystemMessages)
        {
            return true;
        }

        return status < SuspendUnit && (hasMessageHint || Queue.HasMessages);
    }

    public bool SetAsScheduled()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if ((s & (Closed | Scheduled)) != 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _status, s | Scheduled, s) == s)
            {
                return true;
            }
        }
    }

    private void SetAsIdle()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if (Interlocked.CompareExchange(ref _status, s & ~Scheduled, s) == s)
            {
                return;
            }
        }
    }

    /// <summary>Increments the suspend count; only system messages are processed while suspended.</summary>
    public void Suspend()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if ((s & Closed) != 0 || Interlocked.CompareExchange(ref _status, s + SuspendUnit, s) == s)
            {
                return;
            }
        }
    }

    /// <summary>Decrements the suspend count (never below zero).</summary>
    public void Resume()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if ((s & Closed) != 0 || s < SuspendUnit)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _status, s - SuspendUnit, s) == s)
            {
                return;
            }
        }
    }

    /// <summary>Closes the mailbox for good and moves whatever is queued to dead letters.</summary>
    public void BecomeClosed()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if (Interlocked.CompareExchange(ref _status, s | Closed, s) == s)
            {
                break;
            }
        }

        DrainUserToDeadLetters(ownerThread: true);
        DrainSystemAfterClose();
    }

    private void DrainUserToDeadLetters(bool ownerThread)
    {
        var deadLetters = Cell.SystemImpl.DeadLetters;
        while (ownerThread ? Queue.TryDequeue(out var envelope) : Queue.TryDequeueConcurrent(out envelope))
        {
            deadLetters.Tell(new Event.DeadLetter(envelope.Message, envelope.Sender ?? deadLetters, Cell.Self), envelope.Sender);
        }
    }

    private void DrainSystemAfterClose()
    {
        while (_system.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _systemPending);
            Cell.SystemMessageAfterTermination(message);
        }
    }

    void IThreadPoolWorkItem.Execute() => Run();

    public void Run()
    {
        var previous = Cell.EnterTurn();
        try
        {
            if (!IsClosed)
            {
                ProcessAllSystemMessages();
                ProcessMailbox();
            }
        }
        finally
        {
            ActorCell.ExitTurn(previous);
            SetAsIdle();
            Dispatcher.RegisterForExecution(this, false, false, fromTurn: true);
        }
    }

    private void ProcessMailbox()
    {
        var left = Dispatcher.Throughput;
        var deadlineTicks = Dispatcher.ThroughputDeadlineTicks;
        var deadline = deadlineTicks > 0 ? Stopwatch.GetTimestamp() + deadlineTicks : long.MaxValue;
        var cell = Cell;
        while (Volatile.Read(ref _status) < SuspendUnit && Queue.TryDequeue(out var envelope))
        {
            cell.Invoke(envelope);
            if (Volatile.Read(ref _systemPending) > 0)
            {
                ProcessAllSystemMessages();
            }

            if (--left <= 0 || (deadlineTicks > 0 && Stopwatch.GetTimestamp() >= deadline))
            {
                break;
            }
        }
    }

    private void ProcessAllSystemMessages()
    {
        var cell = Cell;
        while (!IsClosed && _system.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _systemPending);
            cell.SystemInvoke(message);
        }

        if (IsClosed)
        {
            DrainSystemAfterClose();
        }
    }
}
