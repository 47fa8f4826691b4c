using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class SupervisionTests : TestKit.Xunit2.TestKit
{
    private sealed record Fail(Exception Cause);

    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy? _strategy;

        public Supervisor(SupervisorStrategy? strategy)
        {
            _strategy = strategy;
            Receive<(Props Props, string Name)>(p => Sender.Tell(Context.ActorOf(p.Props, p.Name)));
            Receive<Fail>(f => throw f.Cause);
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy ?? base.SupervisorStrategy();
    }

    private sealed class Counter : ReceiveActor
    {
        private readonly IActorRef _report;
        private int _count;

        public Counter(IActorRef report)
        {
            _report = report;
            Receive<string>(s => s == "inc", _ => _count++);
            Receive<string>(s => s == "get", _ => Sender.Tell(_count));
            Receive<Fail>(f => throw f.Cause);
        }

        protected override void PostRestart(Exception reason) => _report.Tell($"restarted:{Self.Path.Name}:{reason.Message}");

        protected override void PostStop() => _report.Tell($"stopped:{Self.Path.Name}");
    }

    private IActorRef Supervise(SupervisorStrategy? strategy, out IActorRef supervisor, string name = "child")
    {
        supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(strategy)));
        supervisor.Tell((Props.Create(() => new Counter(TestActor)), name));
        return ExpectMsg<IActorRef>();
    }

    private static OneForOneStrategy OneForOne(Directive directive) => new(_ => directive);

    [Fact]
    public void Resume_KeepsState()
    {
        var child = Supervise(OneForOne(Directive.Resume), out _);
        child.Tell("inc");
        child.Tell("inc");
        child.Tell(new Fail(new InvalidOperationException("resume me")));
        child.Tell("inc");
        child.Tell("get");
        ExpectMsg(3);
    }

    [Fact]
    public void Restart_ResetsState()
    {
        var child = Supervise(OneForOne(Directive.Restart), out _);
        child.Tell("inc");
        child.Tell("inc");
        child.Tell(new Fail(new InvalidOperationException("restart me")));
        ExpectMsg("stopped:child");
        ExpectMsg("restarted:child:restart me");
        child.Tell("get");
        ExpectMsg(0);
    }

    [Fact]
    public void Stop_StopsTheChild()
    {
        var child = Supervise(OneForOne(Directive.Stop), out _);
        Watch(child);
        child.Tell(new Fail(new InvalidOperationException("stop me")));
        ExpectMsg("stopped:child");
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_ParentFailsWithTheSameException()
    {
        var seen = CreateTestProbe();
        var reporting = new OneForOneStrategy(
            e =>
            {
                seen.Ref.Tell(e);
                return Directive.Stop;
            },
            true);
        var top = Sys.ActorOf(Props.Create(() => new Supervisor(reporting)));
        top.Tell((Props.Create(() => new Supervisor(OneForOne(Directive.Escalate))), "middle"));
        var middle = ExpectMsg<IActorRef>();
        middle.Tell((Props.Create(() => new Counter(TestActor)), "leaf"));
        var leaf = ExpectMsg<IActorRef>();
        Watch(middle);

        var cause = new InvalidOperationException("escalated");
        leaf.Tell(new Fail(cause));

        Assert.Same(cause, seen.ExpectMsg<Exception>());
        ExpectMsg("stopped:leaf");
        ExpectTerminated(middle);
    }

    [Fact]
    public void MaxRetries_ExceededWithinWindow_ChildIsStopped()
    {
        var child = Supervise(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart), out _);
        Watch(child);
        for (var i = 1; i <= 2; i++)
        {
            child.Tell(new Fail(new InvalidOperationException("again")));
            ExpectMsg("stopped:child");
            ExpectMsg("restarted:child:again");
        }

        child.Tell(new Fail(new InvalidOperationException("again")));
        ExpectMsg("stopped:child");
        ExpectTerminated(child);
    }

    [Fact]
    public void MaxRetries_WithoutWindow_CountsAllRestarts()
    {
        var child = Supervise(new OneForOneStrategy(1, -1, _ => Directive.Restart), out _);
        Watch(child);
        child.Tell(new Fail(new InvalidOperationException("one")));
        ExpectMsg("stopped:child");
        ExpectMsg("restarted:child:one");
        child.Tell(new Fail(new InvalidOperationException("two")));
        ExpectMsg("stopped:child");
        ExpectTerminated(child);
    }

    [Fact]
    public void MaxRetries_Zero_StopsOnFirstFailure()
    {
        var child = Supervise(new OneForOneStrategy(0, TimeSpan.FromMinutes(1), _ => Directive.Restart), out _);
        Watch(child);
        child.Tell(new Fail(new InvalidOperationException("zero")));
        ExpectMsg("stopped:child");
        ExpectTerminated(child);
    }

    [Fact]
    public void MaxRetries_WindowElapsed_CountStartsOver()
    {
        var stats = new ChildRestartStats(TestActor);
        Assert.True(stats.RequestRestartPermission(1, 50));
        Assert.False(stats.RequestRestartPermission(1, 50));
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        AwaitCondition(() => deadline.ElapsedMilliseconds > 60, TimeSpan.FromSeconds(1));
        Assert.True(stats.RequestRestartPermission(1, 50));
        Assert.Equal(1, stats.RetriesCount);
    }

    [Fact]
    public void OneForOne_SiblingOfFailedChild_IsUntouched()
    {
        var first = Supervise(OneForOne(Directive.Restart), out var supervisor, "first");
        supervisor.Tell((Props.Create(() => new Counter(TestActor)), "second"));
        var second = ExpectMsg<IActorRef>();
        second.Tell("inc");
        first.Tell(new Fail(new InvalidOperationException("only me")));
        ExpectMsg("stopped:first");
        ExpectMsg("restarted:first:only me");
        second.Tell("get");
        ExpectMsg(1);
    }

    [Fact]
    public void AllForOne_Restart_RestartsEverySibling()
    {
        var first = Supervise(new AllForOneStrategy(_ => Directive.Restart), out var supervisor, "first");
        supervisor.Tell((Props.Create(() => new Counter(TestActor)), "second"));
        var second = ExpectMsg<IActorRef>();
        second.Tell("inc");
        second.Tell("get");
        ExpectMsg(1);

        first.Tell(new Fail(new InvalidOperationException("all of us")));
        var events = ReceiveN(4).Cast<string>().Order(StringComparer.Ordinal);
        Assert.Equal(
            new[] { "restarted:first:all of us", "restarted:second:all of us", "stopped:first", "stopped:second" },
            events);
        second.Tell("get");
        ExpectMsg(0);
    }

    [Fact]
    public void AllForOne_Stop_StopsEverySibling()
    {
        var first = Supervise(new AllForOneStrategy(_ => Directive.Stop), out var supervisor, "first");
        supervisor.Tell((Props.Create(() => new Counter(TestActor)), "second"));
        var second = ExpectMsg<IActorRef>();
        Watch(first);
        Watch(second);
        first.Tell(new Fail(new InvalidOperationException("stop all")));
        var events = ReceiveN(4).Select(m => m is Terminated t ? "terminated:" + t.ActorRef.Path.Name : (string)m).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "stopped:first", "stopped:second", "terminated:first", "terminated:second" }, events);
    }

    [Fact]
    public void AllForOne_Resume_ResumesOnlyTheFailedChildAndKeepsState()
    {
        var first = Supervise(new AllForOneStrategy(_ => Directive.Resume), out var supervisor, "first");
        supervisor.Tell((Props.Create(() => new Counter(TestActor)), "second"));
        var second = ExpectMsg<IActorRef>();
        first.Tell("inc");
        second.Tell("inc");
        first.Tell(new Fail(new InvalidOperationException("resume")));
        first.Tell("get");
        ExpectMsg(1);
        second.Tell("get");
        ExpectMsg(1);
    }

    [Fact]
    public void DefaultStrategy_OrdinaryException_Restarts()
    {
        var child = Supervise(null, out _);
        child.Tell("inc");
        child.Tell(new Fail(new InvalidOperationException("default")));
        ExpectMsg("stopped:child");
        ExpectMsg("restarted:child:default");
        child.Tell("get");
        ExpectMsg(0);
    }

    [Theory]
    [InlineData(typeof(ActorInitializationException), Directive.Stop)]
    [InlineData(typeof(ActorKilledException), Directive.Stop)]
    [InlineData(typeof(DeathPactException), Directive.Stop)]
    [InlineData(typeof(InvalidOperationException), Directive.Restart)]
    [InlineData(typeof(ArgumentException), Directive.Restart)]
    public void DefaultDecider_MapsExceptionsLikeAkka(Type exceptionType, Directive expected)
    {
        var exception = exceptionType == typeof(ActorInitializationException)
            ? new ActorInitializationException("init")
            : (Exception)Activator.CreateInstance(exceptionType, "x")!;
        Assert.Equal(expected, SupervisorStrategy.DefaultDecider(exception));
        Assert.Equal(expected, SupervisorStrategy.DefaultStrategy.Decider(exception));
    }

    [Fact]
    public void DefaultStrategy_ActorKilledException_Stops()
    {
        var child = Supervise(null, out _);
        Watch(child);
        child.Tell(new Fail(new ActorKilledException("killed")));
        ExpectMsg("stopped:child");
        ExpectTerminated(child);
    }

    [Fact]
    public void StoppingStrategy_AnyException_Stops()
    {
        var child = Supervise(SupervisorStrategy.StoppingStrategy, out _);
        Watch(child);
        child.Tell(new Fail(new InvalidOperationException("any")));
        ExpectMsg("stopped:child");
        ExpectTerminated(child);
    }

    [Fact]
    public void PropsWithSupervisorStrategy_OverridesActorsOwnStrategy()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(OneForOne(Directive.Restart))).WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy));
        supervisor.Tell((Props.Create(() => new Counter(TestActor)), "child"));
        var child = ExpectMsg<IActorRef>();
        Watch(child);
        child.Tell(new Fail(new InvalidOperationException("props wins")));
        ExpectMsg("stopped:child");
        ExpectTerminated(child);
    }

    [Fact]
    public void Decider_ReceivesTheThrownExceptionInstance()
    {
        var seen = CreateTestProbe();
        var child = Supervise(new OneForOneStrategy(e =>
        {
            seen.Ref.Tell(e);
            return Directive.Resume;
        }), out _);
        var cause = new FormatException("exact");
        child.Tell(new Fail(cause));
        Assert.Same(cause, seen.ExpectMsg<Exception>());
    }

    [Fact]
    public void Supervisor_Restarted_ChildrenAreRestartedToo()
    {
        var child = Supervise(OneForOne(Directive.Restart), out var supervisor);
        Watch(child);
        supervisor.Tell(new Fail(new InvalidOperationException("parent down")));

        // Default PreRestart stops the children; the fresh supervisor has none.
        ExpectMsg("stopped:child");
        ExpectTerminated(child);
    }
}
