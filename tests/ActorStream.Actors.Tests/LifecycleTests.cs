using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class LifecycleTests : TestKit.Xunit2.TestKit
{
    private sealed class Recorder : ReceiveActor
    {
        private readonly IActorRef _report;

        public Recorder(IActorRef report)
        {
            _report = report;
            _report.Tell("ctor");
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => Sender.Tell("got:" + s));
        }

        protected override void PreStart() => _report.Tell("PreStart");

        protected override void PostStop() => _report.Tell("PostStop");

        protected override void PreRestart(Exception reason, object? message)
        {
            _report.Tell($"PreRestart:{reason.Message}:{message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _report.Tell($"PostRestart:{reason.Message}");
            base.PostRestart(reason);
        }
    }

    [Fact]
    public void Start_ConstructorThenPreStart()
    {
        Sys.ActorOf(Props.Create(() => new Recorder(TestActor)));
        ExpectMsg("ctor");
        ExpectMsg("PreStart");
    }

    [Fact]
    public void Restart_HooksRunInOrderWithReasonAndMessage()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(TestActor)));
        ExpectMsg("ctor");
        ExpectMsg("PreStart");
        actor.Tell("fail");
        ExpectMsg("PreRestart:boom:fail");
        ExpectMsg("PostStop");
        ExpectMsg("ctor");
        ExpectMsg("PostRestart:boom");
        ExpectMsg("PreStart");
        actor.Tell("x");
        ExpectMsg("got:x");
    }

    [Fact]
    public void Stop_PostStopRunsOnce()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(TestActor)));
        ExpectMsg("ctor");
        ExpectMsg("PreStart");
        Sys.Stop(actor);
        ExpectMsg("PostStop");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent(IActorRef report)
        {
            Context.ActorOf(Props.Create(() => new Child(report, "child-1")), "child-1");
            Context.ActorOf(Props.Create(() => new Child(report, "child-2")), "child-2");
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("parent failed"));
            Receive<string>(s => Sender.Tell(s));
            Report = report;
        }

        private IActorRef Report { get; }

        protected override void PostStop() => Report.Tell("PostStop:parent");
    }

    private sealed class Child : ReceiveActor
    {
        private readonly IActorRef _report;
        private readonly string _name;

        public Child(IActorRef report, string name)
        {
            _report = report;
            _name = name;
            ReceiveAny(_ => { });
        }

        protected override void PreStart() => _report.Tell("PreStart:" + _name);

        protected override void PostStop() => _report.Tell("PostStop:" + _name);
    }

    [Fact]
    public void Stop_Parent_ChildrenStopBeforeParentPostStop()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(TestActor)));
        ExpectMsgAllOf("PreStart:child-1", "PreStart:child-2");
        Sys.Stop(parent);
        var first = ReceiveN(2).Cast<string>().Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "PostStop:child-1", "PostStop:child-2" }, first);
        ExpectMsg("PostStop:parent");
    }

    [Fact]
    public void Restart_DefaultPreRestart_StopsChildrenAndNewInstanceCreatesThemAgain()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(TestActor)));
        ExpectMsgAllOf("PreStart:child-1", "PreStart:child-2");
        parent.Tell("fail");
        var events = ReceiveN(5).Cast<string>().ToList();
        Assert.Equal(
            new[] { "PostStop:child-1", "PostStop:child-2", "PostStop:parent", "PreStart:child-1", "PreStart:child-2" }.Order(StringComparer.Ordinal),
            events.Order(StringComparer.Ordinal));
        Assert.True(events.IndexOf("PostStop:child-1") < events.IndexOf("PreStart:child-1"));
        Assert.True(events.IndexOf("PostStop:child-2") < events.IndexOf("PreStart:child-2"));
        parent.Tell("alive?");
        ExpectMsg("alive?");
    }
}
