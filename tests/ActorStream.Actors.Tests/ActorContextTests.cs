using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

/// <summary>What an actor sees of itself: Self, Sender, Parent, children; and Forward.</summary>
public sealed class ActorContextTests : TestKit.Xunit2.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class Introspect : ReceiveActor
    {
        public Introspect()
        {
            Context.ActorOf(Props.Create(() => new Echo()), "c1");
            Context.ActorOf(Props.Create(() => new Echo()), "c2");
            Receive<string>(s => s == "self", _ => Sender.Tell(Self));
            Receive<string>(s => s == "context-self", _ => Sender.Tell(Context.Self));
            Receive<string>(s => s == "sender", _ => Sender.Tell(Sender));
            Receive<string>(s => s == "parent", _ => Sender.Tell(Context.Parent));
            Receive<string>(s => s == "children", _ => Sender.Tell(string.Join(",", Context.GetChildren().Select(c => c.Path.Name).Order(StringComparer.Ordinal))));
            Receive<string>(s => s.StartsWith("child:", StringComparison.Ordinal), s => Sender.Tell(Context.Child(s["child:".Length..])));
            Receive<string>(s => s == "system", _ => Sender.Tell(Context.System.Name));
        }
    }

    [Fact]
    public void Self_IsTheActorsOwnReference()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Introspect()), "me");
        actor.Tell("self");
        Assert.Equal(actor, ExpectMsg<IActorRef>());
        actor.Tell("context-self");
        Assert.Equal(actor, ExpectMsg<IActorRef>());
    }

    [Fact]
    public async Task Sender_IsTheTellingActorOrProbeOrAskTemp()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Introspect()));
        actor.Tell("sender");
        Assert.Equal(TestActor, ExpectMsg<IActorRef>());

        var probe = CreateTestProbe();
        probe.Send(actor, "sender");
        Assert.Equal(probe.Ref, probe.ExpectMsg<IActorRef>());

        var reply = await actor.Ask<IActorRef>("sender", TimeSpan.FromSeconds(3));
        Assert.StartsWith($"akka://{Sys.Name}/temp/", reply.Path.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sender_NoSender_IsDeadLetters()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Forwarder(TestActor)));
        actor.Tell("anonymous", ActorRefs.NoSender);
        ExpectMsg("anonymous");
        Assert.Equal(Sys.DeadLetters, LastSender);
    }

    [Fact]
    public void Parent_OfTopLevelActor_IsUserGuardian()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Introspect()));
        actor.Tell("parent");
        Assert.Equal($"akka://{Sys.Name}/user", ExpectMsg<IActorRef>().Path.ToString());
    }

    [Fact]
    public void Parent_OfChild_IsCreatingActor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Introspect()));
        actor.Tell("child:c1");
        var child = ExpectMsg<IActorRef>();
        Assert.Equal(actor.Path, child.Path.Parent);
        child.Tell("ping");
        ExpectMsg("ping");
    }

    [Fact]
    public void GetChildren_ListsAllChildren()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Introspect()));
        actor.Tell("children");
        ExpectMsg("c1,c2");
    }

    [Fact]
    public void Child_Missing_ReturnsNobody()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Introspect()));
        actor.Tell("child:absent");
        Assert.Same(ActorRefs.Nobody, ExpectMsg<IActorRef>());
    }

    [Fact]
    public void System_IsTheOwningSystem()
    {
        Sys.ActorOf(Props.Create(() => new Introspect())).Tell("system");
        ExpectMsg(Sys.Name);
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }

    private sealed class ReplyWithSender : ReceiveActor
    {
        public ReplyWithSender() => ReceiveAny(m => Sender.Tell(("from-target", m, Sender.Path.ToString())));
    }

    [Fact]
    public void Forward_ThroughIntermediary_KeepsOriginalSender()
    {
        var target = Sys.ActorOf(Props.Create(() => new ReplyWithSender()), "target");
        var forwarder = Sys.ActorOf(Props.Create(() => new Forwarder(target)), "forwarder");
        forwarder.Tell("hello");
        ExpectMsg(("from-target", (object)"hello", TestActor.Path.ToString()));
        Assert.Equal(target, LastSender);
    }

    [Fact]
    public void Tell_InsideActor_ImplicitSenderIsSelf()
    {
        var target = Sys.ActorOf(Props.Create(() => new ReplyWithSender()));
        var relay = Sys.ActorOf(Props.Create(() => new Relay(target, TestActor)), "relay");
        relay.Tell("go");
        var (_, _, senderPath) = ExpectMsg<(string, object, string)>();
        Assert.Equal(relay.Path.ToString(), senderPath);
    }

    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef target, IActorRef report)
        {
            Receive<string>(m => target.Tell(m));
            Receive<(string, object, string)>(reply => report.Tell(reply));
        }
    }

    [Fact]
    public void Tell_NullMessage_Throws()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Echo()));
        Assert.Throws<InvalidMessageException>(() => actor.Tell(null!, ActorRefs.NoSender));
    }
}
