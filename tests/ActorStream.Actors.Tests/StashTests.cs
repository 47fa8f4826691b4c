using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class StashTests : TestKit.Xunit2.TestKit
{
    private sealed class Stasher : ReceiveActor, IWithUnboundedStash
    {
        public Stasher(bool startOpen)
        {
            if (startOpen)
            {
                Open();
            }
            else
            {
                Closed();
            }
        }

        public IStash Stash { get; set; } = null!;

        private void Closed()
        {
            Receive<string>(s => s == "open", _ =>
            {
                Stash.UnstashAll();
                Become(Open);
            });
            Receive<string>(s => s == "double", _ =>
            {
                Stash.Stash();
                try
                {
                    Stash.Stash();
                    Sender.Tell("no error");
                }
                catch (IllegalActorStateException e)
                {
                    Sender.Tell(e.GetType().Name);
                }
            });
            Receive<string>(s => s == "count", _ => Sender.Tell(Stash.Count));
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart with stash"));
            Receive<string>(s => s == "unstash-one", _ => Stash.Unstash());
            Receive<string>(s => s == "clear", _ => Sender.Tell(Stash.ClearStash().Count));
            Receive<int>(_ => Stash.Stash());
            Receive<Shared>(_ => Stash.Stash());
        }

        private void Open()
        {
            Receive<string>(s => s == "close", _ => Become(Closed));
            Receive<string>(s => s == "count", _ => Sender.Tell(Stash.Count));
            Receive<int>(i => Sender.Tell(i));
            Receive<Shared>(_ => Sender.Tell("shared"));
        }
    }

    /// <summary>A message object sent more than once (as singletons are).</summary>
    private sealed class Shared
    {
        public static readonly Shared Instance = new();
    }

    [Fact]
    public void UnstashAll_KeepsOriginalOrderAndGoesAheadOfNewerMessages()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stasher(false)));
        for (var i = 1; i <= 5; i++)
        {
            actor.Tell(i);
        }

        actor.Tell("open");
        actor.Tell(6);
        actor.Tell(7);
        Assert.Equal(Enumerable.Range(1, 7).Cast<object>(), ReceiveN(7));
    }

    [Fact]
    public void Stash_Count_ReflectsStashedMessages()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stasher(false)));
        actor.Tell(1);
        actor.Tell(2);
        actor.Tell("count");
        ExpectMsg(2);
        actor.Tell("clear");
        ExpectMsg(2);
        actor.Tell("count");
        ExpectMsg(0);
    }

    [Fact]
    public void Stash_SameMessageTwice_ThrowsIllegalActorState()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stasher(false)));
        actor.Tell("double");
        ExpectMsg(nameof(IllegalActorStateException));
    }

    [Fact]
    public void Stash_OneSingletonDeliveredTwiceInARow_StashesBoth()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stasher(false)));
        var singleton = (object)42;
        actor.Tell(singleton);
        actor.Tell(singleton);
        actor.Tell("count");
        ExpectMsg(2);
        actor.Tell("open");
        Assert.Equal(new object[] { 42, 42 }, ReceiveN(2));
    }

    [Fact]
    public void Stash_OneObjectDeliveredTwice_StashesBothDeliveries()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stasher(false)));
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        actor.Tell(Shared.Instance, first.Ref);
        actor.Tell(Shared.Instance, second.Ref);
        actor.Tell("count");
        ExpectMsg(2);

        actor.Tell("open");

        first.ExpectMsg("shared");
        second.ExpectMsg("shared");
    }

    [Fact]
    public void Unstash_One_PutsOldestBackFirst()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stasher(false)));
        actor.Tell(1);
        actor.Tell(2);
        actor.Tell("unstash-one");
        actor.Tell("count");

        // 1 is unstashed ahead of "count" and stashed again (still closed); 2 stays stashed.
        ExpectMsg(2);
    }

    [Fact]
    public void Restart_StashedMessages_AreUnstashedToTheNewInstance()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stasher(false)));
        actor.Tell(1);
        actor.Tell(2);
        actor.Tell("fail");
        actor.Tell("open");
        actor.Tell(3);

        // The new instance starts closed: 1 and 2 are stashed again, then "open" releases them in order.
        Assert.Equal(new object[] { 1, 2, 3 }, ReceiveN(3));
    }

    [Fact]
    public void Stop_StashedMessages_GoToDeadLetters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Event.DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new Stasher(false)));
        actor.Tell(1);
        actor.Tell(2);
        actor.Tell("count");
        ExpectMsg(2);
        Sys.Stop(actor);
        var letters = ReceiveN(2).Cast<Event.DeadLetter>().Select(d => d.Message);
        Assert.Equal(new object[] { 1, 2 }, letters);
    }

    [Fact]
    public void Stash_InjectedBeforeConstructorBody()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stasher(true)));
        actor.Tell("count");
        ExpectMsg(0);
    }
}
