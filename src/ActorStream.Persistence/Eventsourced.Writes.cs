using System.Collections.Immutable;
using ActorStream.Actor;

namespace ActorStream.Persistence;

public abstract partial class Eventsourced
{
    private readonly Queue<Invocation> _pendingInvocations = new();
    private readonly Queue<WriteInFlight> _writesInFlight = new();
    private List<AtomicWrite>? _batch;
    private long _sequenceNr;
    private int _pendingStashingInvocations;
    private bool _inCommand;

    /// <summary>
    /// Stores <paramref name="event"/>, then calls <paramref name="handler"/> with it (Sender is the
    /// command's sender). New commands wait (are stashed) until the handler ran.
    /// </summary>
    public void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
        => PersistAll([@event], handler, stashing: true);

    /// <summary>Stores all events atomically (all or none), then calls the handler for each, in order.</summary>
    public void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
        => PersistAll(events, handler, stashing: true);

    /// <summary>Like Persist, but commands keep flowing while the event is written.</summary>
    public void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
        => PersistAll([@event], handler, stashing: false);

    /// <summary>Like PersistAll, but commands keep flowing while the events are written.</summary>
    public void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
        => PersistAll(events, handler, stashing: false);

    /// <summary>
    /// Calls <paramref name="handler"/> after the handlers of every event persisted before it ran
    /// (at once when nothing is pending). Nothing is stored. Commands keep flowing.
    /// </summary>
    public void DeferAsync<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
        => Defer(@event, handler, stashing: false);

    /// <summary>Like DeferAsync, but new commands wait until the handler ran.</summary>
    public void Defer<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull
        => Defer(@event, handler, stashing: true);

    private void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler, bool stashing)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        if (IsRecovering)
        {
            throw new InvalidOperationException("Cannot persist during recovery: persist when handling RecoveryCompleted or later");
        }

        var sender = Sender;
        var builder = ImmutableArray.CreateBuilder<IPersistentRepresentation>();
        foreach (var e in events)
        {
            builder.Add(new Persistent(e, ++_sequenceNr, PersistenceId, WriterGuid: _writerGuid));
            _pendingInvocations.Enqueue(new Invocation(e, o => handler((TEvent)o), sender, stashing, Deferred: false));
            if (stashing)
            {
                _pendingStashingInvocations++;
            }
        }

        if (builder.Count == 0)
        {
            return;
        }

        (_batch ??= []).Add(new AtomicWrite(builder.ToImmutable()));
        if (!_inCommand)
        {
            FlushBatch();
        }
    }

    private void Defer<TEvent>(TEvent @event, Action<TEvent> handler, bool stashing)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (IsRecovering)
        {
            throw new InvalidOperationException("Cannot defer during recovery");
        }

        if (_pendingInvocations.Count == 0 && (_batch is null || _batch.Count == 0))
        {
            handler(@event);
            return;
        }

        _pendingInvocations.Enqueue(new Invocation(@event, o => handler((TEvent)o), Sender, stashing, Deferred: true));
        if (stashing)
        {
            _pendingStashingInvocations++;
            _state = State.PersistingEvents;
        }
    }

    /// <summary>Sends the events persisted by the current command (one journal call for all of them).</summary>
    private void FlushBatch()
    {
        if (_batch is { Count: > 0 } batch)
        {
            _batch = null;
            var write = new WriteInFlight(batch);
            _writesInFlight.Enqueue(write);
            var self = Self;
            var incarnation = _incarnation;
            RequireJournal().WriteMessagesAsync(batch).ContinueWith(
                t =>
                {
                    write.Complete(t);
                    self.Tell(new WriteCompleted(incarnation, write), self);
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        if (_pendingStashingInvocations > 0 && _state == State.ProcessingCommands)
        {
            _state = State.PersistingEvents;
        }
    }

    /// <summary>Journal calls may finish out of order; their handlers run strictly in the order persisted.</summary>
    private void OnWriteCompleted(WriteInFlight completed)
    {
        completed.Done = true;
        while (_writesInFlight.Count > 0 && _writesInFlight.Peek().Done)
        {
            var write = _writesInFlight.Dequeue();
            if (write.Failure is not null)
            {
                FailWrite(write, write.Failure);
                return;
            }

            var results = write.Results;
            for (var i = 0; i < write.Writes.Count; i++)
            {
                var rejection = results is null ? null : results[i];
                foreach (var representation in write.Writes[i].Payload)
                {
                    RunDeferredAtHead();
                    var invocation = Dequeue();
                    if (rejection is not null)
                    {
                        OnPersistRejected(rejection, representation.Payload, representation.SequenceNr);
                    }
                    else
                    {
                        LastSequenceNr = representation.SequenceNr;
                        Invoke(invocation);
                    }
                }
            }

            RunDeferredAtHead();
        }

        FlushBatch();
        if (_pendingStashingInvocations == 0 && _state == State.PersistingEvents)
        {
            _state = State.ProcessingCommands;
            _internalStash.UnstashAll();
        }
    }

    private void FailWrite(WriteInFlight write, Exception cause)
    {
        _state = State.Stopped;
        foreach (var atomicWrite in write.Writes)
        {
            foreach (var representation in atomicWrite.Payload)
            {
                OnPersistFailure(cause, representation.Payload, representation.SequenceNr);
            }
        }

        throw new PersistenceFailureException($"The journal failed to store events of persistenceId [{PersistenceId}]; the actor restarts and recovers", cause);
    }

    private void RunDeferredAtHead()
    {
        while (_pendingInvocations.Count > 0 && _pendingInvocations.Peek().Deferred)
        {
            Invoke(Dequeue());
        }
    }

    private Invocation Dequeue()
    {
        var invocation = _pendingInvocations.Dequeue();
        if (invocation.Stashing)
        {
            _pendingStashingInvocations--;
        }

        return invocation;
    }

    /// <summary>Runs a handler with the sender of the command that persisted its event.</summary>
    private void Invoke(Invocation invocation)
    {
        var previous = Cell.SwapCurrentSender(invocation.Sender);
        try
        {
            invocation.Handler(invocation.Event);
        }
        finally
        {
            Cell.SwapCurrentSender(previous);
        }
    }

    private sealed record Invocation(object Event, Action<object> Handler, IActorRef Sender, bool Stashing, bool Deferred);

    /// <summary>One journal call: the atomic writes of one command, and its outcome once known.</summary>
    private sealed class WriteInFlight(List<AtomicWrite> writes)
    {
        public List<AtomicWrite> Writes { get; } = writes;

        /// <summary>Per atomic write: null = stored, else the rejection. Null list = all stored.</summary>
        public IImmutableList<Exception?>? Results { get; private set; }

        /// <summary>Set when the journal call failed as a whole (outcome unknown).</summary>
        public Exception? Failure { get; private set; }

        public bool Done { get; set; }

        /// <summary>Records the outcome of the completed journal call (runs as its continuation).</summary>
        public void Complete(Task<IImmutableList<Exception?>?> completed)
        {
            if (completed.IsCompletedSuccessfully)
            {
#pragma warning disable VSTHRD002 // The task has completed; this reads its value.
                Results = completed.Result;
#pragma warning restore VSTHRD002
            }
            else
            {
                Failure = completed.Exception?.InnerException ?? new TaskCanceledException("The journal write was cancelled");
            }
        }
    }

    private sealed record WriteCompleted(object Incarnation, WriteInFlight Write) : IPersistenceInternal;
}
