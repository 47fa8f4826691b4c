using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

/// <summary>Guarantee: a failing actor never takes the process or the system down.</summary>
public sealed class FailureIsolationTests : TestKit.Xunit2.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class ThrowsInHandler : ReceiveActor
    {
        public ThrowsInHandler() => ReceiveAny(_ => throw new InvalidOperationException("handler boom"));
    }

    private sealed class ThrowsInConstructor : ReceiveActor
    {
        public ThrowsInConstructor() => throw new InvalidOperationException("ctor boom");
    }

    private sealed class ThrowsInPreStart : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("prestart boom");
    }

    private sealed class ThrowsInPostStop : ReceiveActor
    {
        protected override void PostStop() => throw new InvalidOperationException("poststop boom");
    }

    private sealed class ThrowsInAsyncHandler : ReceiveActor
    {
        public ThrowsInAsyncHandler() => ReceiveAsync<string>(async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("async boom");
        });
    }

    private void AssertSystemStillWorks()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));
        echo.Tell("still alive");
        ExpectMsg("still alive");
    }

    [Fact]
    public void Handler_Throws_ErrorIsLoggedAndSystemKeepsWorking()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThrowsInHandler()));
        EventFilter.Exception<InvalidOperationException>(contains: "handler boom").Expect(3, () =>
        {
            actor.Tell(1);
            actor.Tell(2);
            actor.Tell(3);
        });
        AssertSystemStillWorks();
    }

    [Fact]
    public void Constructor_Throws_ActorIsStoppedAndSystemKeepsWorking()
    {
        IActorRef actor = null!;
        EventFilter.Exception<ActorInitializationException>().ExpectOne(() => actor = Sys.ActorOf(Props.Create(() => new ThrowsInConstructor())));
        Watch(actor);
        ExpectTerminated(actor);
        AssertSystemStillWorks();
    }

    [Fact]
    public void PreStart_Throws_ActorIsStoppedAndSystemKeepsWorking()
    {
        IActorRef actor = null!;
        EventFilter.Exception<ActorInitializationException>(contains: "prestart boom").ExpectOne(() => actor = Sys.ActorOf(Props.Create(() => new ThrowsInPreStart())));
        Watch(actor);
        ExpectTerminated(actor);
        AssertSystemStillWorks();
    }

    [Fact]
    public void PostStop_Throws_ActorStillTerminatesAndSystemKeepsWorking()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThrowsInPostStop()));
        Watch(actor);
        EventFilter.Exception<InvalidOperationException>(contains: "poststop boom").ExpectOne(() => Sys.Stop(actor));
        ExpectTerminated(actor);
        AssertSystemStillWorks();
    }

    [Fact]
    public void AsyncHandler_Throws_ErrorIsLoggedAndSystemKeepsWorking()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThrowsInAsyncHandler()));
        EventFilter.Exception<InvalidOperationException>(contains: "async boom").ExpectOne(() => actor.Tell("go"));
        AssertSystemStillWorks();
    }

    [Fact]
    public void ManyFailingActors_AllFail_SystemKeepsWorking()
    {
        using (EventFilter.Exception<InvalidOperationException>().Mute())
        {
            for (var i = 0; i < 50; i++)
            {
                Sys.ActorOf(Props.Create(() => new ThrowsInHandler())).Tell(i);
            }

            AssertSystemStillWorks();
        }
    }
}
