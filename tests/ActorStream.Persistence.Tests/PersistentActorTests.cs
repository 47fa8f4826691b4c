using ActorStream.Actor;
using ActorStream.Configuration;

namespace ActorStream.Persistence.Tests;

public sealed class PersistentActorTests : TestKit.Xunit2.TestKit
{
    private static readonly string s_faultsId = Guid.NewGuid().ToString("N");

    public PersistentActorTests()
        : base(ConfigurationFactory.ParseString($$"""
            actorstream.persistence {
              journal.plugin = "flaky-journal"
              recovery.retry-backoff = 10ms
            }
            flaky-journal {
              class = "ActorStream.Persistence.Tests.FlakyJournal+Provider, ActorStream.Persistence.Tests"
              id = "{{s_faultsId}}"
            }
            """))
    {
    }

    /// <summary>Keeps a list of strings; replies with the list on "get".</summary>
    private sealed class ListActor : ReceivePersistentActor
    {
        private readonly List<string> _items = [];
        private readonly IActorRef? _probe;

        public ListActor(string id, IActorRef? probe = null)
        {
            PersistenceId = id;
            _probe = probe;
            Recover<string>(s => _items.Add(s));
            Recover<SnapshotOffer>(o => _items.AddRange(((string)o.Snapshot).Split(',', StringSplitOptions.RemoveEmptyEntries)));
            Recover<RecoveryCompleted>(_ => _probe?.Tell($"recovered:{string.Join(",", _items)}@{LastSequenceNr}"));
            Command<string>(s => s == "get", _ => Sender.Tell(string.Join(",", _items)));
            Command<string>(s => s == "seq", _ => Sender.Tell(LastSequenceNr));
            Command<string>(s => s == "snap", _ => SaveSnapshot(string.Join(",", _items)));
            Command<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
            Command<string>(s => s.StartsWith("async:", StringComparison.Ordinal), s => PersistAsync(s[6..], e =>
            {
                _items.Add(e);
                Sender.Tell($"stored:{e}");
            }));
            Command<string>(s => s.StartsWith("defer:", StringComparison.Ordinal), s => DeferAsync(s, e => Sender.Tell($"deferred:{e}")));
            Command<string[]>(batch => PersistAll(batch, e =>
            {
                _items.Add(e);
                Sender.Tell($"stored:{e}");
            }));
            Command<DeleteUpTo>(d => DeleteMessages(d.SequenceNr));
            Command<string>(s => Persist(s, e =>
            {
                _items.Add(e);
                Sender.Tell($"stored:{e}");
            }));
            Command<SaveSnapshotSuccess>(s => _probe?.Tell(s));
            Command<SaveSnapshotFailure>(s => _probe?.Tell(s));
            Command<DeleteMessagesSuccess>(s => _probe?.Tell(s));
            Command<DeleteMessagesFailure>(s => _probe?.Tell(s));
        }

        public override string PersistenceId { get; }

        protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
        {
            _probe?.Tell($"rejected:{@event}@{sequenceNr}");
            base.OnPersistRejected(cause, @event, sequenceNr);
        }

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            _probe?.Tell($"failed:{@event}@{sequenceNr}");
        }

        protected override void OnRecoveryFailure(Exception reason, object? message = null)
        {
            _probe?.Tell($"recovery-failed:{reason.Message}");
        }
    }

    private sealed record DeleteUpTo(long SequenceNr);

    private IActorRef Start(string id, IActorRef? probe = null, string? name = null)
        => Sys.ActorOf(Props.Create(() => new ListActor(id, probe)), name);

    private void StopAndWait(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Persist_ThenRestartFromJournal_RecoversEveryEventInOrder()
    {
        var actor = Start("p1");
        foreach (var s in new[] { "a", "b", "c" })
        {
            actor.Tell(s);
            ExpectMsg($"stored:{s}");
        }

        StopAndWait(actor);
        var probe = CreateTestProbe();
        var again = Start("p1", probe);
        probe.ExpectMsg("recovered:a,b,c@3");
        again.Tell("get");
        ExpectMsg("a,b,c");
        again.Tell("seq");
        ExpectMsg(3L);
    }

    [Fact]
    public void Persist_CommandsSentMeanwhile_AreHandledAfterTheEventHandler()
    {
        var actor = Start("p2");
        actor.Tell("x");
        actor.Tell("get");
        actor.Tell("y");
        actor.Tell("get");
        ExpectMsg("stored:x");
        ExpectMsg("x");
        ExpectMsg("stored:y");
        ExpectMsg("x,y");
    }

    [Fact]
    public void PersistAll_HandlersRunInOrderWithCommandSender()
    {
        var actor = Start("p3");
        actor.Tell(new[] { "1", "2", "3" });
        ExpectMsg("stored:1");
        ExpectMsg("stored:2");
        ExpectMsg("stored:3");
        actor.Tell("seq");
        ExpectMsg(3L);
    }

    [Fact]
    public void PersistAsync_DoesNotStashCommands_DeferAsyncRunsAfterPendingHandlers()
    {
        var actor = Start("p4");
        actor.Tell("async:a");
        actor.Tell("defer:d");
        ExpectMsg("stored:a");
        ExpectMsg("deferred:defer:d");
        actor.Tell("defer:now");
        ExpectMsg("deferred:defer:now");
    }

    [Fact]
    public void Snapshot_RecoveryStartsFromSnapshotThenReplaysLaterEvents()
    {
        var probe = CreateTestProbe();
        var actor = Start("p5", probe);
        probe.ExpectMsg("recovered:@0");
        actor.Tell("a");
        ExpectMsg("stored:a");
        actor.Tell("b");
        ExpectMsg("stored:b");
        actor.Tell("snap");
        var saved = probe.ExpectMsg<SaveSnapshotSuccess>();
        Assert.Equal(2, saved.Metadata.SequenceNr);
        actor.Tell("c");
        ExpectMsg("stored:c");
        StopAndWait(actor);

        Start("p5", probe);
        probe.ExpectMsg("recovered:a,b,c@3");
    }

    [Fact]
    public void DeleteMessages_RecoveryKeepsSequenceNumbers()
    {
        var probe = CreateTestProbe();
        var actor = Start("p6", probe);
        probe.ExpectMsg("recovered:@0");
        foreach (var s in new[] { "a", "b", "c" })
        {
            actor.Tell(s);
            ExpectMsg($"stored:{s}");
        }

        actor.Tell(new DeleteUpTo(2));
        probe.ExpectMsg<DeleteMessagesSuccess>(m => Assert.Equal(2, m.ToSequenceNr));
        actor.Tell(new DeleteUpTo(99));
        probe.ExpectMsg<DeleteMessagesFailure>();
        StopAndWait(actor);

        var again = Start("p6", probe);
        probe.ExpectMsg("recovered:c@3");
        again.Tell("d");
        ExpectMsg("stored:d");
        again.Tell("seq");
        ExpectMsg(4L);
    }

    [Fact]
    public void PersistRejected_HandlerSkippedAndActorGoesOn()
    {
        var probe = CreateTestProbe();
        var actor = Start("p7", probe);
        probe.ExpectMsg("recovered:@0");
        actor.Tell("ok1");
        ExpectMsg("stored:ok1");
        actor.Tell("reject-me");
        probe.ExpectMsg("rejected:reject-me@2");
        actor.Tell("ok2");
        ExpectMsg("stored:ok2");
        actor.Tell("get");
        ExpectMsg("ok1,ok2");
    }

    [Fact]
    public void PersistFailure_ActorRestartsAndRecoversWhatWasStored()
    {
        var probe = CreateTestProbe();
        var actor = Start("p8", probe);
        probe.ExpectMsg("recovered:@0");
        actor.Tell("kept");
        ExpectMsg("stored:kept");
        actor.Tell("fail-this");
        probe.ExpectMsg("failed:fail-this@2");
        probe.ExpectMsg("recovered:kept@1");
        actor.Tell("after");
        ExpectMsg("stored:after");
        actor.Tell("get");
        ExpectMsg("kept,after");
    }

    [Fact]
    public void HandlerThrows_RestartRecoversState()
    {
        var probe = CreateTestProbe();
        var actor = Start("p9", probe);
        probe.ExpectMsg("recovered:@0");
        actor.Tell("a");
        ExpectMsg("stored:a");
        actor.Tell("boom");
        probe.ExpectMsg("recovered:a@1");
        actor.Tell("get");
        ExpectMsg("a");
    }

    [Fact]
    public void RecoveryFailure_IsRetriedThenSucceeds()
    {
        var faults = FlakyJournal.For(s_faultsId);
        var actor = Start("p10");
        actor.Tell("a");
        ExpectMsg("stored:a");
        StopAndWait(actor);

        faults.FailNextReplays(2);
        var probe = CreateTestProbe();
        Start("p10", probe);
        probe.ExpectMsg("recovered:a@1");
    }
}
