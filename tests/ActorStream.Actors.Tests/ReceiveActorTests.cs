using ActorStream.Actor;
using ActorStream.Event;

namespace ActorStream.Actors.Tests;

/// <summary>ReceiveActor handler matching: registration order, predicates, Func fall-through, ReceiveAny, Unhandled.</summary>
public sealed class ReceiveActorTests : TestKit.Xunit2.TestKit
{
    private class Animal;

    private sealed class Dog : Animal;

    private sealed class Ordered : ReceiveActor
    {
        public Ordered()
        {
            Receive<int>(i => i < 0, i => Sender.Tell("negative"));
            Receive<int>(i => Sender.Tell("first-int"));
            Receive<int>(i => Sender.Tell("second-int"));
            Receive<Dog>(_ => Sender.Tell("dog"));
            Receive<Animal>(_ => Sender.Tell("animal"));
            Receive<string>(s =>
            {
                if (s.StartsWith('x'))
                {
                    Sender.Tell("func-took:" + s);
                    return true;
                }

                return false;
            });
            Receive<string>(s => s.StartsWith('y'), s => Sender.Tell("predicate-took:" + s));
        }
    }

    private sealed class WithAny : ReceiveActor
    {
        public WithAny()
        {
            Receive<int>(i => Sender.Tell("int"));
            ReceiveAny(m => Sender.Tell("any:" + m));
            Receive<string>(_ => Sender.Tell("never"));
        }
    }

    [Fact]
    public void Receive_SeveralHandlersForSameType_FirstRegisteredWins()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ordered()));
        actor.Tell(5);
        ExpectMsg("first-int");
    }

    [Fact]
    public void Receive_PredicateFails_FallsThroughToNextHandler()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ordered()));
        actor.Tell(-1);
        actor.Tell(1);
        ExpectMsg("negative");
        ExpectMsg("first-int");
    }

    [Fact]
    public void Receive_SubtypeRegisteredFirst_TakesPrecedenceOverBaseType()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ordered()));
        actor.Tell(new Dog());
        actor.Tell(new Animal());
        ExpectMsg("dog");
        ExpectMsg("animal");
    }

    [Fact]
    public void Receive_FuncReturnsFalse_FallsThrough()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ordered()));
        actor.Tell("x1");
        actor.Tell("y1");
        ExpectMsg("func-took:x1");
        ExpectMsg("predicate-took:y1");
    }

    [Fact]
    public void Receive_NoHandlerMatches_PublishesUnhandledMessage()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create(() => new Ordered()));
        actor.Tell("z-nobody-takes-this");
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal("z-nobody-takes-this", unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
        Assert.Equal(TestActor, unhandled.Sender);

        actor.Tell(3.14);
        Assert.Equal(3.14, ExpectMsg<UnhandledMessage>().Message);
    }

    [Fact]
    public void ReceiveAny_CatchesEverythingNotHandledBefore()
    {
        var actor = Sys.ActorOf(Props.Create(() => new WithAny()));
        actor.Tell(1);
        actor.Tell("s");
        actor.Tell(2.5);
        ExpectMsg("int");
        ExpectMsg("any:s");
        ExpectMsg("any:2.5");
    }

    [Fact]
    public void Unhandled_DoesNotFailTheActor()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create(() => new Ordered()));
        actor.Tell("zzz");
        ExpectMsg<UnhandledMessage>();
        actor.Tell(5);
        ExpectMsg("first-int");
    }

    private sealed class Untyped : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is string s)
            {
                Sender.Tell(s.ToUpperInvariant());
            }
            else
            {
                Unhandled(message);
            }
        }
    }

    [Fact]
    public void UntypedActor_OnReceiveAndUnhandled()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create(() => new Untyped()));
        actor.Tell("abc");
        ExpectMsg("ABC");
        actor.Tell(42);
        Assert.Equal(42, ExpectMsg<UnhandledMessage>().Message);
    }

    private sealed class Overridden : ReceiveActor
    {
        public Overridden(IActorRef report)
        {
            Receive<string>(s => Sender.Tell(s));
            Report = report;
        }

        private IActorRef Report { get; }

        protected override void Unhandled(object message) => Report.Tell(("custom-unhandled", message));
    }

    [Fact]
    public void Unhandled_Overridden_IsCalledForUnmatchedMessages()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Overridden(TestActor)));
        actor.Tell(17);
        ExpectMsg(("custom-unhandled", (object)17));
    }
}
