using ActorStream.Actor;
using ActorStream.TestKit;

namespace ActorStream.Actors.Tests;

/// <summary>Actor timers (IWithTimers), driven in virtual time by the TestKit's TestScheduler.</summary>
public sealed class TimerTests : TestKit.Xunit2.TestKit
{
    public TimerTests()
        : base("""actorstream.scheduler.implementation = "ActorStream.TestKit.TestScheduler, ActorStream.TestKit" """)
    {
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private sealed record StartSingle(string Key, object Message, TimeSpan Delay);

    private sealed record StartPeriodic(string Key, object Message, TimeSpan Initial, TimeSpan Interval);

    private sealed record CancelTimer(string Key);

    private sealed record IsActive(string Key);

    private sealed record BlockThen(ManualResetEventSlim Gate, Action<ITimerScheduler> After);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public TimerActor(IActorRef report)
        {
            Receive<StartSingle>(s =>
            {
                Timers.StartSingleTimer(s.Key, s.Message, s.Delay);
                Sender.Tell("ok");
            });
            Receive<StartPeriodic>(s =>
            {
                if (s.Initial == s.Interval)
                {
                    Timers.StartPeriodicTimer(s.Key, s.Message, s.Interval);
                }
                else
                {
                    Timers.StartPeriodicTimer(s.Key, s.Message, s.Initial, s.Interval);
                }

                Sender.Tell("ok");
            });
            Receive<CancelTimer>(c =>
            {
                Timers.Cancel(c.Key);
                Sender.Tell("ok");
            });
            Receive<IsActive>(a => Sender.Tell(Timers.IsTimerActive(a.Key)));
            Receive<BlockThen>(b =>
            {
                b.Gate.Wait(TimeSpan.FromSeconds(10));
                b.After(Timers);
            });
            Receive<string>(s => s == "active-keys", _ => Sender.Tell(string.Join(",", Timers.ActiveTimers.Cast<string>().Order(StringComparer.Ordinal))));
            Receive<string>(s => s == "cancel-all", _ =>
            {
                Timers.CancelAll();
                Sender.Tell("ok");
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart"));
            ReceiveAny(m => report.Tell(m));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    private IActorRef NewTimerActor() => Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

    [Fact]
    public void SingleTimer_FiresOnceAtItsDeadline()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(1)));
        ExpectMsg("ok");
        Scheduler.Advance(TimeSpan.FromMilliseconds(999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Scheduler.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("tick");
        Scheduler.Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        actor.Tell(new IsActive("k"));
        ExpectMsg(false);
    }

    [Fact]
    public void PeriodicTimer_FiresEveryIntervalUntilCancelled()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("p", "beat", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)));
        ExpectMsg("ok");
        Scheduler.Advance(TimeSpan.FromMilliseconds(350));
        Assert.Equal(new object[] { "beat", "beat", "beat" }, ReceiveN(3));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        actor.Tell(new IsActive("p"));
        ExpectMsg(true);

        actor.Tell(new CancelTimer("p"));
        ExpectMsg("ok");
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        actor.Tell(new IsActive("p"));
        ExpectMsg(false);
    }

    [Fact]
    public void PeriodicTimer_WithInitialDelay_FirstFiresAfterInitialDelay()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("p", "beat", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100)));
        ExpectMsg("ok");
        Scheduler.Advance(TimeSpan.FromMilliseconds(999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Scheduler.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("beat");
        Scheduler.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(new object[] { "beat", "beat" }, ReceiveN(2));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void StartTimer_SameKey_ReplacesOldTimer()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "old", TimeSpan.FromSeconds(1)));
        ExpectMsg("ok");
        actor.Tell(new StartSingle("k", "new", TimeSpan.FromSeconds(2)));
        ExpectMsg("ok");
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        ExpectMsg("new");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Cancel_MessageAlreadyEnqueued_IsDropped()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(1)));
        ExpectMsg("ok");
        using var gate = new ManualResetEventSlim(false);
        actor.Tell(new BlockThen(gate, timers => timers.Cancel("k")));

        // The timer fires while the actor is blocked: its message is queued behind BlockThen, which cancels it.
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        gate.Set();
        actor.Tell("probe");
        ExpectMsg("probe");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Restart_SameKeyMessageAlreadyEnqueued_OldMessageDropped()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "old", TimeSpan.FromSeconds(1)));
        ExpectMsg("ok");
        using var gate = new ManualResetEventSlim(false);
        actor.Tell(new BlockThen(gate, timers => timers.StartSingleTimer("k", "new", TimeSpan.FromSeconds(1))));
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        gate.Set();
        actor.Tell("probe");
        ExpectMsg("probe");
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("new");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void CancelAll_StopsEveryTimer()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("a", "a", TimeSpan.FromSeconds(1)));
        actor.Tell(new StartPeriodic("b", "b", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        ReceiveN(2);
        actor.Tell("active-keys");
        ExpectMsg("a,b");
        actor.Tell("cancel-all");
        ExpectMsg("ok");
        actor.Tell("active-keys");
        ExpectMsg(string.Empty);
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Restart_TimersOfOldInstanceDie()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("p", "beat", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        ExpectMsg("ok");
        actor.Tell("fail");
        actor.Tell(new IsActive("p"));
        ExpectMsg(false);
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Stop_TimersDieAndProduceNoDeadLetters()
    {
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters, typeof(Event.DeadLetter));
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("p", "beat", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        ExpectMsg("ok");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Scheduler.Advance(TimeSpan.FromSeconds(5));
        deadLetters.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        ExpectNoMsg(TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void PeriodicTimer_NonPositiveInterval_Throws()
    {
        var actor = NewTimerActor();
        EventFilter.Exception<ArgumentOutOfRangeException>().ExpectOne(() =>
            actor.Tell(new StartPeriodic("p", "beat", TimeSpan.FromSeconds(1), TimeSpan.Zero)));
    }
}
