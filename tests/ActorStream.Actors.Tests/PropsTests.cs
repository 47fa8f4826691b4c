using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class PropsTests : TestKit.Xunit2.TestKit
{
    public PropsTests()
        : base("""
            custom-dispatcher { throughput = 3 }
            custom-mailbox { mailbox-type = bounded, mailbox-capacity = 10 }
            """)
    {
    }

    private sealed class Evaluations
    {
        private int _count;

        public int Count => _count;

        public int Next() => Interlocked.Increment(ref _count) * 100;
    }

    private sealed class WithArg : ReceiveActor
    {
        public WithArg(int value)
        {
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart"));
            Receive<string>(_ => Sender.Tell(value));
        }
    }

    private sealed class Overloaded : ReceiveActor
    {
        public Overloaded(int number, string text) => ReceiveAny(_ => Sender.Tell($"int,string:{number},{text}"));

        public Overloaded(string text) => ReceiveAny(_ => Sender.Tell($"string:{text}"));

        public Overloaded() => ReceiveAny(_ => Sender.Tell("none"));
    }

    private sealed class ReportsDispatcher : ReceiveActor
    {
        public ReportsDispatcher() => ReceiveAny(_ => Sender.Tell((Context.Dispatcher.Id, Context.Dispatcher.Throughput, Context.Props.Mailbox)));
    }

    private abstract class AbstractActor : ReceiveActor
    {
    }

    private sealed class Failing : ReceiveActor
    {
        public Failing() => Receive<string>(s => s == "fail" ? throw new InvalidOperationException("restart") : false);
    }

    [Fact]
    public void Create_Expression_ArgumentsEvaluatedOnceAcrossRestarts()
    {
        var evaluations = new Evaluations();
        var props = Props.Create(() => new WithArg(evaluations.Next()));
        Assert.Equal(1, evaluations.Count);
        Assert.Equal(new object?[] { 100 }, props.Arguments);

        var actor = Sys.ActorOf(props);
        for (var i = 0; i < 3; i++)
        {
            actor.Tell("fail");
            actor.Tell("value?");
            ExpectMsg(100);
        }

        Assert.Equal(1, evaluations.Count);
    }

    [Fact]
    public void Create_NotANewExpression_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Props.Create<WithArg>(() => Build()));
        Assert.Contains("new", ex.Message, StringComparison.Ordinal);
    }

    private static WithArg Build() => null!;

    [Fact]
    public void Create_ParamsArgs_PicksMatchingConstructor()
    {
        Sys.ActorOf(Props.Create<Overloaded>(7, "x")).Tell("go");
        ExpectMsg("int,string:7,x");
        Sys.ActorOf(Props.Create<Overloaded>("y")).Tell("go");
        ExpectMsg("string:y");
        Sys.ActorOf(Props.Create<Overloaded>()).Tell("go");
        ExpectMsg("none");
    }

    [Fact]
    public void Create_NoMatchingConstructor_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => Props.Create<Overloaded>(1.5, 2));
        Assert.Contains("constructor", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NotAnActorType_ThrowsArgumentException()
    {
        var notAnActor = typeof(string);
        var abstractActor = typeof(AbstractActor);
        Assert.Throws<ArgumentException>(() => Props.Create(notAnActor));
        Assert.Throws<ArgumentException>(() => Props.Create(abstractActor));
    }

    [Fact]
    public void NewActor_OutsideTheRuntime_ThrowsActorInitializationException()
    {
        Assert.Throws<ActorInitializationException>(() => new Failing());
    }

    [Fact]
    public void WithDispatcherAndWithMailbox_ReturnNewPropsAndLeaveOriginalUnchanged()
    {
        var original = Props.Create(() => new ReportsDispatcher());
        var custom = original.WithDispatcher("custom-dispatcher").WithMailbox("custom-mailbox");

        Assert.Equal(Props.DefaultDispatcherId, original.Dispatcher);
        Assert.Equal(Props.DefaultMailboxId, original.Mailbox);
        Assert.Equal("custom-dispatcher", custom.Dispatcher);
        Assert.Equal("custom-mailbox", custom.Mailbox);
        Assert.Equal(typeof(ReportsDispatcher), custom.Type);
    }

    [Fact]
    public void WithDispatcher_ActorRunsOnThatDispatcher()
    {
        Sys.ActorOf(Props.Create(() => new ReportsDispatcher()).WithDispatcher("custom-dispatcher").WithMailbox("custom-mailbox")).Tell("which?");
        ExpectMsg(("custom-dispatcher", 3, "custom-mailbox"));
        Sys.ActorOf(Props.Create(() => new ReportsDispatcher())).Tell("which?");
        ExpectMsg((Props.DefaultDispatcherId, 30, Props.DefaultMailboxId));
    }

    [Fact]
    public void WithDispatcher_Unknown_ActorOfThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => Sys.ActorOf(Props.Create(() => new ReportsDispatcher()).WithDispatcher("no-such-dispatcher")));
        Assert.Contains("no-such-dispatcher", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithMailbox_Unknown_ActorOfThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => Sys.ActorOf(Props.Create(() => new ReportsDispatcher()).WithMailbox("no-such-mailbox")));
        Assert.Contains("no-such-mailbox", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithSupervisorStrategy_AppliesToChildren()
    {
        var strategy = new OneForOneStrategy(_ => Directive.Stop);
        var props = Props.Create(() => new Failing()).WithSupervisorStrategy(strategy);
        Assert.Same(strategy, props.SupervisorStrategy);
        Assert.Null(Props.Create(() => new Failing()).SupervisorStrategy);
    }
}
