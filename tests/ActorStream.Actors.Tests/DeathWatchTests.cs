using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

/// <summary>Guarantee: stopping an actor delivers exactly one Terminated per watch to every watcher.</summary>
public sealed class DeathWatchTests : TestKit.Xunit2.TestKit
{
    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    private sealed record WatchIt(IActorRef Target);

    private sealed record WatchItWith(IActorRef Target, object Message);

    private sealed record UnwatchIt(IActorRef Target);

    private sealed record Block(ManualResetEventSlim Gate);

    /// <summary>Watches on request and reports every Terminated (or custom message) it receives.</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef report)
        {
            Receive<WatchIt>(w =>
            {
                Context.Watch(w.Target);
                Sender.Tell("watching");
            });
            Receive<WatchItWith>(w =>
            {
                Context.WatchWith(w.Target, w.Message);
                Sender.Tell("watching");
            });
            Receive<UnwatchIt>(w => Context.Unwatch(w.Target));
            Receive<Block>(b => b.Gate.Wait(TimeSpan.FromSeconds(10)));
            Receive<Terminated>(t => report.Tell(t));
            Receive<string>(s => report.Tell(s));
        }
    }

    /// <summary>Watches but has no Terminated handler.</summary>
    private sealed class CarelessWatcher : ReceiveActor
    {
        public CarelessWatcher(IActorRef target)
        {
            Context.Watch(target);
            Receive<string>(s => Sender.Tell(s));
        }
    }

    [Fact]
    public void Stop_SeveralWatchers_EachGetsExactlyOneTerminatedWithExistenceConfirmed()
    {
        var target = Sys.ActorOf(Props.Create(() => new Idle()));
        var probes = Enumerable.Range(0, 4).Select(_ => CreateTestProbe()).ToArray();
        foreach (var probe in probes)
        {
            probe.Watch(target);
        }

        Sys.Stop(target);
        foreach (var probe in probes)
        {
            var terminated = probe.ExpectTerminated(target);
            Assert.True(terminated.ExistenceConfirmed);
            Assert.False(terminated.AddressTerminated);
            Assert.Equal(target, terminated.ActorRef);
        }

        foreach (var probe in probes)
        {
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        }
    }

    [Fact]
    public void Watch_AfterDeath_TerminatedArrivesWithExistenceNotConfirmed()
    {
        var target = Sys.ActorOf(Props.Create(() => new Idle()));
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        var late = CreateTestProbe();
        late.Watch(target);
        var terminated = late.ExpectTerminated(target);
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void Watch_CalledTwiceForSameActor_OnlyOneTerminated()
    {
        var target = Sys.ActorOf(Props.Create(() => new Idle()));
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(target));
        ExpectMsg("watching");
        watcher.Tell(new WatchIt(target));
        ExpectMsg("watching");
        Sys.Stop(target);
        ExpectTerminated(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Unwatch_BeforeStop_NoTerminated()
    {
        var target = Sys.ActorOf(Props.Create(() => new Idle()));
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(target));
        ExpectMsg("watching");
        watcher.Tell(new UnwatchIt(target));
        watcher.Tell("unwatched");
        ExpectMsg("unwatched");
        Sys.Stop(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Unwatch_AfterTerminatedWasQueued_SuppressesIt()
    {
        for (var round = 0; round < 5; round++)
        {
            var target = Sys.ActorOf(Props.Create(() => new Idle()));
            var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
            watcher.Tell(new WatchIt(target));
            ExpectMsg("watching");

            using var gate = new ManualResetEventSlim(false);
            watcher.Tell(new Block(gate));
            watcher.Tell(new UnwatchIt(target));
            watcher.Tell("reported");

            var observer = CreateTestProbe();
            observer.Watch(target);
            Sys.Stop(target);
            observer.ExpectTerminated(target);

            // The watcher gets the death notice while blocked; its Terminated is queued behind Unwatch.
            gate.Set();
            ExpectMsg("reported");
            ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        }
    }

    [Fact]
    public void WatchWith_TargetStops_CustomMessageDeliveredInsteadOfTerminated()
    {
        var target = Sys.ActorOf(Props.Create(() => new Idle()));
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchItWith(target, "target-gone"));
        ExpectMsg("watching");
        Sys.Stop(target);
        ExpectMsg("target-gone");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Terminated_Unhandled_WatcherFailsWithDeathPactAndStops()
    {
        var target = Sys.ActorOf(Props.Create(() => new Idle()));
        var watcher = Sys.ActorOf(Props.Create(() => new CarelessWatcher(target)));
        watcher.Tell("ready?");
        ExpectMsg("ready?");
        Watch(watcher);
        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(target));
        ExpectTerminated(watcher);
    }

    [Fact]
    public void Stop_ParentWatchingChild_ParentGetsTerminatedOfChild()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ChildStopper(TestActor)));
        var terminated = ExpectMsg<Terminated>();
        Assert.Equal("child", terminated.ActorRef.Path.Name);
        Assert.Equal(parent, terminated.ActorRef.Path.Parent is { } p && p.Equals(parent.Path) ? parent : null);
    }

    private sealed class ChildStopper : ReceiveActor
    {
        public ChildStopper(IActorRef report)
        {
            var child = Context.ActorOf(Props.Create(() => new Idle()), "child");
            Context.Watch(child);
            Context.Stop(child);
            Receive<Terminated>(t => report.Tell(t));
        }
    }
}
