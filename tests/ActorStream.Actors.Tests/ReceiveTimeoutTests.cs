using ActorStream.Actor;
using ActorStream.TestKit;

namespace ActorStream.Actors.Tests;

/// <summary>SetReceiveTimeout in virtual time.</summary>
public sealed class ReceiveTimeoutTests : TestKit.Xunit2.TestKit
{
    public ReceiveTimeoutTests()
        : base("""actorstream.scheduler.implementation = "ActorStream.TestKit.TestScheduler, ActorStream.TestKit" """)
    {
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private sealed record Quiet : INotInfluenceReceiveTimeout;

    private sealed class Idler : ReceiveActor
    {
        public Idler(IActorRef report)
        {
            SetReceiveTimeout(TimeSpan.FromSeconds(1));
            Receive<ReceiveTimeout>(_ => report.Tell("timeout"));
            Receive<string>(s => s == "off", _ => SetReceiveTimeout(null));
            Receive<string>(s => s == "current", _ => Sender.Tell(Context.ReceiveTimeout?.ToString() ?? "none"));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart"));
            Receive<string>(_ => { });
            Receive<Quiet>(_ => { });
        }
    }

    /// <summary>Identify does not influence the timeout, so its reply proves earlier messages were fully handled.</summary>
    private void Settle(IActorRef actor)
    {
        actor.Tell(new Identify("settle"));
        ExpectMsg<ActorIdentity>(i => Equals(i.MessageId, "settle"));
    }

    [Fact]
    public void ReceiveTimeout_NoMessages_FiresAfterTimeout()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idler(TestActor)));
        Settle(actor);
        Scheduler.Advance(TimeSpan.FromMilliseconds(999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Scheduler.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("timeout");
    }

    [Fact]
    public void ReceiveTimeout_KeepsFiringWhileIdle()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idler(TestActor)));
        for (var i = 0; i < 3; i++)
        {
            Settle(actor);
            Scheduler.Advance(TimeSpan.FromSeconds(1));
            ExpectMsg("timeout");
        }
    }

    [Fact]
    public void ReceiveTimeout_OrdinaryMessage_ResetsTheTimer()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idler(TestActor)));
        Settle(actor);
        Scheduler.Advance(TimeSpan.FromMilliseconds(600));
        actor.Tell("activity");
        Settle(actor);
        Scheduler.Advance(TimeSpan.FromMilliseconds(600));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Scheduler.Advance(TimeSpan.FromMilliseconds(400));
        ExpectMsg("timeout");
    }

    [Fact]
    public void ReceiveTimeout_NotInfluenceMessage_DoesNotReset()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idler(TestActor)));
        Settle(actor);
        Scheduler.Advance(TimeSpan.FromMilliseconds(600));
        actor.Tell(new Quiet());
        Settle(actor);
        Scheduler.Advance(TimeSpan.FromMilliseconds(400));
        ExpectMsg("timeout");
    }

    [Fact]
    public void ReceiveTimeout_TurnedOff_NeverFires()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idler(TestActor)));
        actor.Tell("off");
        Settle(actor);
        Scheduler.Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        actor.Tell("current");
        ExpectMsg("none");
    }

    [Fact]
    public void ReceiveTimeout_Current_ReportsConfiguredValue()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idler(TestActor)));
        actor.Tell("current");
        ExpectMsg(TimeSpan.FromSeconds(1).ToString());
    }

    [Fact]
    public void ReceiveTimeout_AfterRestart_ConstructorSetsItAgain()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idler(TestActor)));
        actor.Tell("off");
        actor.Tell("fail");
        Settle(actor);
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("timeout");
    }
}
