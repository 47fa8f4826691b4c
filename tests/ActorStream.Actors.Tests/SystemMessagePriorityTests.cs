using ActorStream.Actor;
using ActorStream.Event;

namespace ActorStream.Actors.Tests;

/// <summary>
/// Guarantee: system messages (stop, watch, failure handling) overtake ordinary messages. Each spec
/// blocks the actor inside its first message, queues a backlog behind it, posts the system message,
/// then releases the actor: the system message must be handled right after the current message.
/// </summary>
public sealed class SystemMessagePriorityTests : TestKit.Xunit2.TestKit
{
    private sealed record Block(ManualResetEventSlim Gate);

    private sealed class Blocker : ReceiveActor
    {
        private readonly IActorRef _report;
        private int _handled;

        public Blocker(IActorRef report)
        {
            _report = report;
            Receive<Block>(b =>
            {
                _report.Tell("blocked");
                b.Gate.Wait(TimeSpan.FromSeconds(10));
                _handled++;
            });
            Receive<int>(_ => _handled++);
        }

        protected override void PostStop() => _report.Tell(("handled", _handled));
    }

    [Fact]
    public void Stop_BehindLongBacklog_IsHandledBeforeTheBacklog()
    {
        for (var round = 0; round < 5; round++)
        {
            var deadLetters = CreateTestProbe();
            Sys.EventStream.Subscribe(deadLetters, typeof(DeadLetter));
            var probe = CreateTestProbe();
            var actor = Sys.ActorOf(Props.Create(() => new Blocker(probe)));
            using var gate = new ManualResetEventSlim(false);
            actor.Tell(new Block(gate));
            probe.ExpectMsg("blocked");
            for (var i = 0; i < 1_000; i++)
            {
                actor.Tell(i);
            }

            Sys.Stop(actor);
            gate.Set();

            // Only the message that was running when Stop arrived was handled; the backlog became dead letters.
            probe.ExpectMsg(("handled", 1));
            var letters = deadLetters.ReceiveN(1_000, TimeSpan.FromSeconds(10));
            Assert.Equal(Enumerable.Range(0, 1_000).Cast<object>(), letters.Select(l => ((DeadLetter)l).Message));
            Sys.EventStream.Unsubscribe(deadLetters);
        }
    }

    [Fact]
    public void Watch_BehindLongBacklog_RegistersBeforeTheBacklogSoStopNotifiesTheWatcher()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(probe)));
        using var gate = new ManualResetEventSlim(false);
        actor.Tell(new Block(gate));
        probe.ExpectMsg("blocked");
        for (var i = 0; i < 1_000; i++)
        {
            actor.Tell(i);
        }

        actor.Tell(PoisonPill.Instance);
        var watcher = CreateTestProbe();
        watcher.Watch(actor);
        gate.Set();

        // Confirmed existence: the watch was registered while the actor lived, i.e. before the backlog and the PoisonPill.
        Assert.True(watcher.ExpectTerminated(actor).ExistenceConfirmed);
        probe.ExpectMsg(("handled", 1_001));
    }

    private sealed class FailThenCount : ReceiveActor
    {
        private int _handled;

        public FailThenCount(IActorRef report)
        {
            Receive<Block>(b =>
            {
                report.Tell("blocked");
                b.Gate.Wait(TimeSpan.FromSeconds(10));
                throw new InvalidOperationException("fail while backlog waits");
            });
            Receive<int>(i =>
            {
                _handled++;
                if (i == 999)
                {
                    report.Tell(("done", _handled));
                }
            });
        }
    }

    [Fact]
    public void Failure_BehindLongBacklog_RestartsBeforeTheBacklogIsHandled()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new FailThenCount(probe)));
        using var gate = new ManualResetEventSlim(false);
        actor.Tell(new Block(gate));
        probe.ExpectMsg("blocked");
        for (var i = 0; i < 1_000; i++)
        {
            actor.Tell(i);
        }

        gate.Set();

        // The fresh instance (count reset) handles the whole backlog: the restart came first.
        probe.ExpectMsg(("done", 1_000), TimeSpan.FromSeconds(10));
    }
}
