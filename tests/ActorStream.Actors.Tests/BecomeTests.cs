using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class BecomeTests : TestKit.Xunit2.TestKit
{
    private sealed class Switching : ReceiveActor
    {
        public Switching()
        {
            Normal();
        }

        private void Normal()
        {
            Receive<string>(s => s == "become", _ => Become(Angry));
            Receive<string>(s => s == "stack", _ => BecomeStacked(Happy));
            Receive<string>(s => s == "unstack", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell("normal:" + s));
        }

        private void Angry()
        {
            Receive<string>(s => s == "calm", _ => Become(Normal));
            Receive<string>(s => s == "stack", _ => BecomeStacked(Happy));
            Receive<string>(s => s == "unstack", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell("angry:" + s));
        }

        private void Happy()
        {
            Receive<string>(s => s == "unstack", _ => UnbecomeStacked());
            Receive<string>(s => s == "stack", _ => BecomeStacked(Happy));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("reset"));
            Receive<string>(s => Sender.Tell("happy:" + s));
        }
    }

    private static void Send(IActorRef actor, params string[] messages)
    {
        foreach (var m in messages)
        {
            actor.Tell(m);
        }
    }

    [Fact]
    public void Become_ReplacesBehavior()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switching()));
        Send(actor, "a", "become", "b", "calm", "c");
        ExpectMsg("normal:a");
        ExpectMsg("angry:b");
        ExpectMsg("normal:c");
    }

    [Fact]
    public void BecomeStacked_UnbecomeStacked_ReturnsToPreviousBehavior()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switching()));
        Send(actor, "stack", "a", "stack", "b", "unstack", "c", "unstack", "d");
        ExpectMsg("happy:a");
        ExpectMsg("happy:b");
        ExpectMsg("happy:c");
        ExpectMsg("normal:d");
    }

    [Fact]
    public void UnbecomeStacked_OnInitialBehavior_KeepsInitialBehavior()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switching()));
        Send(actor, "unstack", "unstack", "a");
        ExpectMsg("normal:a");
    }

    [Fact]
    public void BecomeStacked_FromBecomeBehavior_PopsBackToIt()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switching()));
        Send(actor, "become", "stack", "a", "unstack", "b");
        ExpectMsg("happy:a");
        ExpectMsg("angry:b");
    }

    [Fact]
    public void Restart_ResetsToInitialBehavior()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switching()));
        Send(actor, "stack", "a", "fail", "b");
        ExpectMsg("happy:a");
        ExpectMsg("normal:b");
    }

    private sealed class UntypedSwitch : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case "toggle":
                    Become(Toggled);
                    break;
                case "push":
                    BecomeStacked(Toggled);
                    break;
                default:
                    Sender.Tell("initial:" + message);
                    break;
            }
        }

        private void Toggled(object message)
        {
            switch (message)
            {
                case "pop":
                    UnbecomeStacked();
                    break;
                default:
                    Sender.Tell("toggled:" + message);
                    break;
            }
        }
    }

    [Fact]
    public void UntypedActor_BecomeAndStack_SwitchOnReceive()
    {
        var actor = Sys.ActorOf(Props.Create(() => new UntypedSwitch()));
        Send(actor, "a", "push", "b", "pop", "c", "toggle", "d");
        ExpectMsg("initial:a");
        ExpectMsg("toggled:b");
        ExpectMsg("initial:c");
        ExpectMsg("toggled:d");
    }
}
