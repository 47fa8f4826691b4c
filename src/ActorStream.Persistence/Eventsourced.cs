using ActorStream.Actor;
using ActorStream.Event;
using ActorStream.Persistence.Journal;
using ActorStream.Persistence.Snapshot;

namespace ActorStream.Persistence;

/// <summary>
/// Base of persistent actors: state is rebuilt from a snapshot and the journal on start, and
/// changed only by handlers of events that were stored first.
/// </summary>
/// <remarks>
/// <code>
///   WaitingPermit ──permit──► LoadingPlugins ──► LoadingSnapshot ──► Replaying ──► ProcessingCommands
///        (commands are stashed in every recovery state)                              │        ▲
///                                                                    Persist (stashing) ▼        │ all handlers ran
///                                                                                PersistingEvents
/// </code>
/// Persist/PersistAll stash new commands until their handlers ran; PersistAsync does not. A write
/// the journal <em>rejects</em> calls OnPersistRejected and the actor goes on; a write that
/// <em>fails</em> calls OnPersistFailure and throws <see cref="PersistenceFailureException"/>, so the
/// supervisor restarts the actor and it recovers what was really stored. Not thread-safe: like
/// every actor, it runs one message at a time.
/// </remarks>
public abstract partial class Eventsourced : ActorBase, IWithUnboundedStash
{
    private readonly Persistence _persistence;
    private readonly UnboundedStash _internalStash;
    private readonly ILoggingAdapter _log;
    private readonly string _writerGuid = Guid.NewGuid().ToString("N");
    private readonly object _incarnation = new();
    private State _state = State.WaitingPermit;
    private AsyncWriteJournal? _journal;
    private SnapshotStore? _snapshotStore;

    protected Eventsourced()
    {
        _persistence = Persistence.Get(Context.System);
        _internalStash = new UnboundedStash(Cell);
        _log = Context.GetLogger();
    }

    private enum State
    {
        WaitingPermit,
        LoadingPlugins,
        LoadingSnapshot,
        Replaying,
        ProcessingCommands,
        PersistingEvents,
        Stopped,
    }

    /// <summary>Identifies this actor's events in the journal; must be stable across restarts and processes.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The user's stash (set by the runtime).</summary>
    public IStash Stash { get; set; } = null!;

    /// <summary>Sequence nr of the last event replayed or stored.</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>The sequence nr a snapshot taken now would carry.</summary>
    public long SnapshotSequenceNr => LastSequenceNr;

    public bool IsRecovering => _state is State.WaitingPermit or State.LoadingPlugins or State.LoadingSnapshot or State.Replaying;

    public bool IsRecoveryFinished => !IsRecovering;

    /// <summary>Config path of the journal to use; empty means the default (<c>actorstream.persistence.journal.plugin</c>).</summary>
    public virtual string JournalPluginId => string.Empty;

    /// <summary>Config path of the snapshot store to use; empty means the default.</summary>
    public virtual string SnapshotPluginId => string.Empty;

    /// <summary>How to recover; override to recover partially or not at all.</summary>
    public virtual Recovery Recovery => Recovery.Default;

    /// <summary>The persistence extension of this actor's system.</summary>
    protected Persistence Persistence => _persistence;

    /// <summary>The logger of this actor (safe to use from handlers).</summary>
    protected ILoggingAdapter Log => _log;

    /// <summary>Handles snapshot offers, replayed events and finally <see cref="RecoveryCompleted"/>.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles commands once recovered.</summary>
    protected abstract bool ReceiveCommand(object message);

    protected internal sealed override bool Receive(object message) => ReceiveCommand(message);

    /// <summary>Called when the journal failed to store an event (outcome unknown); the actor then restarts.</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        => _log.Error(cause, "Failed to persist event type [{0}] with sequence number [{1}] for persistenceId [{2}]: {3}", @event.GetType().Name, sequenceNr, PersistenceId, cause.Message);

    /// <summary>Called when the journal rejected an event (it was not stored); the actor goes on.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr)
        => _log.Warning(cause, "Rejected to persist event type [{0}] with sequence number [{1}] for persistenceId [{2}]: {3}", @event.GetType().Name, sequenceNr, PersistenceId, cause.Message);

    /// <summary>Called when recovery failed for good (after retries) or a recovery handler threw; the actor then stops.</summary>
    protected virtual void OnRecoveryFailure(Exception reason, object? message = null)
        => _log.Error(reason, "Persistence failure when replaying events for persistenceId [{0}]. Last known sequence number [{1}]. Message: {2}", PersistenceId, LastSequenceNr, message?.GetType().Name ?? "none");

    /// <summary>Stores a snapshot at <see cref="SnapshotSequenceNr"/>; the reply is SaveSnapshotSuccess or SaveSnapshotFailure.</summary>
    public void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, SnapshotSequenceNr, Context.System.Scheduler.Now.UtcDateTime);
        RequireSnapshotStore().SaveAsync(metadata, snapshot)
            .PipeTo(Self, Self, () => new SaveSnapshotSuccess(metadata), e => new SaveSnapshotFailure(metadata, e));
    }

    /// <summary>Deletes the snapshot with <paramref name="sequenceNr"/>; the reply is DeleteSnapshotSuccess or DeleteSnapshotFailure.</summary>
    public void DeleteSnapshot(long sequenceNr)
    {
        var metadata = new SnapshotMetadata(PersistenceId, sequenceNr, DateTime.MinValue);
        RequireSnapshotStore().DeleteAsync(metadata)
            .PipeTo(Self, Self, () => new DeleteSnapshotSuccess(metadata), e => new DeleteSnapshotFailure(metadata, e));
    }

    /// <summary>Deletes the snapshots matching <paramref name="criteria"/>; the reply is DeleteSnapshotsSuccess or DeleteSnapshotsFailure.</summary>
    public void DeleteSnapshots(SnapshotSelectionCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        RequireSnapshotStore().DeleteAsync(PersistenceId, criteria)
            .PipeTo(Self, Self, () => new DeleteSnapshotsSuccess(criteria), e => new DeleteSnapshotsFailure(criteria, e));
    }

    /// <summary>Deletes events up to <paramref name="toSequenceNr"/>; the reply is DeleteMessagesSuccess or DeleteMessagesFailure.</summary>
    public void DeleteMessages(long toSequenceNr)
    {
        if (toSequenceNr != long.MaxValue && toSequenceNr > LastSequenceNr)
        {
            Self.Tell(new DeleteMessagesFailure(new InvalidOperationException($"Cannot delete up to {toSequenceNr}: the highest sequence nr is {LastSequenceNr}"), toSequenceNr), Self);
            return;
        }

        RequireJournal().DeleteMessagesToAsync(PersistenceId, toSequenceNr)
            .PipeTo(Self, Self, () => new DeleteMessagesSuccess(toSequenceNr), e => new DeleteMessagesFailure(e, toSequenceNr));
    }

    private AsyncWriteJournal RequireJournal()
        => _journal ?? throw new InvalidOperationException("The journal is not available before recovery has loaded it");

    private SnapshotStore RequireSnapshotStore()
        => _snapshotStore ?? throw new InvalidOperationException("The snapshot store is not available before recovery has loaded it");

    internal override bool AroundReceive(Receive receive, object message)
    {
        if (message is IPersistenceInternal internalMessage)
        {
            if (ReferenceEquals(internalMessage.Incarnation, _incarnation))
            {
                HandleInternal(internalMessage);
            }

            return true;
        }

        switch (_state)
        {
            case State.ProcessingCommands:
                _inCommand = true;
                bool handled;
                try
                {
                    handled = receive(message);
                }
                finally
                {
                    _inCommand = false;
                }

                FlushBatch();
                return handled;
            case State.Stopped:
                return true;
            default:
                _internalStash.Stash();
                return true;
        }
    }

    private void HandleInternal(IPersistenceInternal message)
    {
        switch (message)
        {
            case WriteCompleted completed:
                OnWriteCompleted(completed.Write);
                break;
            default:
                HandleRecoveryMessage(message);
                break;
        }
    }

    internal override void AroundPreStart()
    {
        StartRecovery();
        base.AroundPreStart();
    }

    internal override void AroundPostRestart(Exception cause)
    {
        StartRecovery();
        base.AroundPostRestart(cause);
    }

    internal override void AroundPreRestart(Exception cause, object? message)
    {
        try
        {
            _internalStash.UnstashAll();
        }
        finally
        {
            ReleasePermitIfHeld();
            _state = State.Stopped;
            base.AroundPreRestart(cause, message);
        }
    }

    internal override void AroundPostStop()
    {
        try
        {
            _internalStash.UnstashAll();
        }
        finally
        {
            ReleasePermitIfHeld();
            _state = State.Stopped;
            base.AroundPostStop();
        }
    }

    /// <summary>Marks the runtime's own messages; they carry the incarnation that expects them.</summary>
    private interface IPersistenceInternal
    {
        object Incarnation { get; }
    }
}
