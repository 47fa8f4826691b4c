using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

/// <summary>PoisonPill, Kill and GracefulStop.</summary>
public sealed class StopMessagesTests : TestKit.Xunit2.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo(IActorRef report)
        {
            ReceiveAny(m => report.Tell(m));
        }
    }

    private sealed class Ignores : ReceiveActor
    {
        public Ignores() => Receive<string>(s => s == "stop-self", _ => Context.Stop(Self));
    }

    [Fact]
    public void PoisonPill_ProcessedAfterEarlierMessages()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Echo(TestActor)));
        Watch(actor);
        for (var i = 0; i < 100; i++)
        {
            actor.Tell(i);
        }

        actor.Tell(PoisonPill.Instance);
        actor.Tell("after-pill");
        Assert.Equal(Enumerable.Range(0, 100).Cast<object>(), ReceiveN(100));
        ExpectTerminated(actor);
    }

    [Fact]
    public void PoisonPill_LaterMessages_BecomeDeadLetters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Event.DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new Ignores()));
        actor.Tell(PoisonPill.Instance);
        actor.Tell("after-pill");
        var letter = ExpectMsg<Event.DeadLetter>();
        Assert.Equal("after-pill", letter.Message);
        Assert.Equal(actor, letter.Recipient);
    }

    [Fact]
    public void Kill_ThrowsActorKilledExceptionAndDefaultStrategyStops()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ignores()));
        Watch(actor);
        EventFilter.Exception<ActorKilledException>().ExpectOne(() => actor.Tell(Kill.Instance));
        ExpectTerminated(actor);
    }

    [Fact]
    public void ContextStop_Self_TerminatesActor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ignores()));
        Watch(actor);
        actor.Tell("stop-self");
        ExpectTerminated(actor);
    }

    [Fact]
    public async Task GracefulStop_ActorStops_ReturnsTrue()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ignores()));
        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(3)));
        Watch(actor);
        Assert.False(ExpectTerminated(actor).ExistenceConfirmed);
    }

    [Fact]
    public async Task GracefulStop_CustomStopMessage_IsUsed()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ignores()));
        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(3), "stop-self"));
    }

    [Fact]
    public async Task GracefulStop_ActorDoesNotStopInTime_ReturnsFalse()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ignores()));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(await actor.GracefulStop(TimeSpan.FromMilliseconds(200), "not-a-stop-message"));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(190));
        actor.Tell(new Identify(1));
        Assert.Equal(actor, ExpectMsg<ActorIdentity>().Subject);
    }

    [Fact]
    public async Task GracefulStop_AlreadyStopped_ReturnsTrue()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ignores()));
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Assert.True(await actor.GracefulStop(TimeSpan.FromSeconds(3)));
    }
}
