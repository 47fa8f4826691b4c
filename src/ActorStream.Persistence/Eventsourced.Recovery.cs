using ActorStream.Actor;
using ActorStream.Persistence.Journal;
using ActorStream.Persistence.Snapshot;

namespace ActorStream.Persistence;

public abstract partial class Eventsourced
{
    private RecoveryPermit? _permit;
    private int _recoveryAttempt;

    private void StartRecovery()
    {
        _state = State.WaitingPermit;
        _recoveryAttempt = 0;
        var self = Self;
        var incarnation = _incarnation;
        ReleasePermitIfHeld();
        _permit = _persistence.RecoveryPermitter.Request();
        _permit.Granted.ContinueWith(
            _ => self.Tell(new RecoveryPermitGranted(incarnation), self),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void HandleRecoveryMessage(IPersistenceInternal message)
    {
        switch (message)
        {
            case RecoveryPermitGranted:
                LoadPlugins();
                break;
            case PluginsLoaded loaded:
                _journal = loaded.Journal;
                _snapshotStore = loaded.SnapshotStore;
                LoadSnapshot();
                break;
            case SnapshotLoaded loaded:
                OnSnapshotLoaded(loaded.Snapshot);
                break;
            case ReplayedEvent replayed:
                OnReplayedEvent(replayed.Event);
                break;
            case ReplayCompleted completed:
                OnReplayCompleted(completed.HighestSequenceNr);
                break;
            case RecoveryStepFailed failed:
                OnRecoveryStepFailed(failed.Cause);
                break;
            case RetryRecovery:
                if (_journal is null || _snapshotStore is null)
                {
                    LoadPlugins();
                }
                else
                {
                    LoadSnapshot();
                }

                break;
        }
    }

    private void LoadPlugins()
    {
        _state = State.LoadingPlugins;
        var incarnation = _incarnation;
        LoadPluginsAsync(_persistence, JournalPluginId, SnapshotPluginId, incarnation).PipeTo(
            Self,
            Self,
            loaded => loaded,
            e => new RecoveryStepFailed(incarnation, e));
    }

    private static async Task<PluginsLoaded> LoadPluginsAsync(Persistence persistence, string journalId, string snapshotId, object incarnation)
    {
        var journal = persistence.JournalFor(journalId);
        var store = persistence.SnapshotStoreFor(snapshotId);
        return new PluginsLoaded(incarnation, await journal.ConfigureAwait(false), await store.ConfigureAwait(false));
    }

    private void LoadSnapshot()
    {
        _state = State.LoadingSnapshot;
        var incarnation = _incarnation;
        var criteria = Recovery.FromSnapshot;
        if (criteria.MaxSequenceNr <= 0)
        {
            OnSnapshotLoaded(null);
            return;
        }

        _snapshotStore!.LoadAsync(PersistenceId, criteria).PipeTo(
            Self,
            Self,
            s => new SnapshotLoaded(incarnation, s),
            e => new RecoveryStepFailed(incarnation, e));
    }

    private void OnSnapshotLoaded(SelectedSnapshot? snapshot)
    {
        var from = 1L;
        if (snapshot is not null)
        {
            LastSequenceNr = snapshot.Metadata.SequenceNr;
            from = snapshot.Metadata.SequenceNr + 1;
            if (!RunRecoveryHandler(new SnapshotOffer(snapshot.Metadata, snapshot.Snapshot)))
            {
                return;
            }
        }

        _state = State.Replaying;
        ReplayAsync(_journal!, PersistenceId, from, Recovery.ToSequenceNr, Recovery.ReplayMax, Self, _incarnation)
            .PipeTo(Self, Self, highest => new ReplayCompleted(_incarnation, highest), e => new RecoveryStepFailed(_incarnation, e));
    }

    /// <summary>Runs off the actor: only sends messages, in order, to the actor.</summary>
    private static async Task<long> ReplayAsync(AsyncWriteJournal journal, string persistenceId, long from, long to, long max, IActorRef self, object incarnation)
    {
        var highest = await journal.ReadHighestSequenceNrAsync(persistenceId, Math.Max(0, from - 1)).ConfigureAwait(false);
        var until = Math.Min(to, highest);
        if (until >= from && max > 0)
        {
            await journal.ReplayMessagesAsync(persistenceId, from, until, max, e => self.Tell(new ReplayedEvent(incarnation, e), self)).ConfigureAwait(false);
        }

        return highest;
    }

    private void OnReplayedEvent(IPersistentRepresentation @event)
    {
        if (_state != State.Replaying)
        {
            return;
        }

        LastSequenceNr = @event.SequenceNr;
        RunRecoveryHandler(@event.Payload);
    }

    private void OnReplayCompleted(long highestSequenceNr)
    {
        if (_state != State.Replaying)
        {
            return;
        }

        _sequenceNr = Math.Max(LastSequenceNr, highestSequenceNr);
        LastSequenceNr = _sequenceNr;
        ReleasePermitIfHeld();
        _state = State.ProcessingCommands;
        if (RunRecoveryHandler(RecoveryCompleted.Instance))
        {
            _internalStash.UnstashAll();
        }
    }

    /// <summary>Runs ReceiveRecover; a throwing handler ends the recovery (no retry: replay is deterministic).</summary>
    private bool RunRecoveryHandler(object message)
    {
        try
        {
            if (!ReceiveRecover(message))
            {
                UnhandledInternal(message);
            }

            return true;
        }
        catch (Exception e)
        {
            FailRecovery(e, message);
            return false;
        }
    }

    private void OnRecoveryStepFailed(Exception cause)
    {
        if (!IsRecovering)
        {
            return;
        }

        if (_recoveryAttempt < _persistence.RecoveryRetries)
        {
            var delay = _persistence.RecoveryRetryBackoff * Math.Pow(2, _recoveryAttempt);
            _recoveryAttempt++;
            _log.Warning(cause, "Recovery of persistenceId [{0}] failed (attempt {1} of {2}); retrying in {3}: {4}", PersistenceId, _recoveryAttempt, _persistence.RecoveryRetries + 1, delay, cause.Message);
            LastSequenceNr = 0;
            Context.System.Scheduler.ScheduleTellOnce(delay, Self, new RetryRecovery(_incarnation), Self);
            return;
        }

        FailRecovery(cause, null);
    }

    private void FailRecovery(Exception cause, object? message)
    {
        ReleasePermitIfHeld();
        _state = State.Stopped;
        try
        {
            OnRecoveryFailure(cause, message);
        }
        finally
        {
            Context.Stop(Self);
        }
    }

    private void ReleasePermitIfHeld()
    {
        // The permit goes back whether it was granted or is still queued, so an actor stopped while it
        // waited (or before its grant arrived) leaves nothing behind.
        if (_permit is { } permit)
        {
            _permit = null;
            _persistence.RecoveryPermitter.Return(permit);
        }
    }

    private sealed record RecoveryPermitGranted(object Incarnation) : IPersistenceInternal;

    private sealed record PluginsLoaded(object Incarnation, AsyncWriteJournal Journal, SnapshotStore SnapshotStore) : IPersistenceInternal;

    private sealed record SnapshotLoaded(object Incarnation, SelectedSnapshot? Snapshot) : IPersistenceInternal;

    private sealed record ReplayedEvent(object Incarnation, IPersistentRepresentation Event) : IPersistenceInternal;

    private sealed record ReplayCompleted(object Incarnation, long HighestSequenceNr) : IPersistenceInternal;

    private sealed record RecoveryStepFailed(object Incarnation, Exception Cause) : IPersistenceInternal;

    private sealed record RetryRecovery(object Incarnation) : IPersistenceInternal;
}
