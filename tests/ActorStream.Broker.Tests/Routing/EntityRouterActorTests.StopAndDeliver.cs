using ActorStream.Actor;
using ActorStream.Broker.Routing;

namespace ActorStream.Broker.Tests.Routing;

/// <summary>StopEntity and DeliverIfActive: stopping entities from outside, reaching only running ones.</summary>
public sealed partial class EntityRouterActorTests
{
    private LocalEntityRouter StartLifecycleRouter(IActorRef probe, string name = "lifecycle")
    {
        var incarnations = 0;
        return LocalEntityRouter.Start(Sys, name, id => Props.Create(() => new LifecycleEntity(id, Interlocked.Increment(ref incarnations), probe)));
    }

    [Fact]
    public void StopEntity_Running_StopsItAndAnswersAfterTermination()
    {
        var lifecycle = CreateTestProbe();
        var router = StartLifecycleRouter(lifecycle);
        router.Tell("a", "hi", TestActor);
        ExpectMsg("a/1:hi");
        lifecycle.ExpectMsg("started:a/1");

        router.Router.Tell(new EntityRouterProtocol.StopEntity("a"), TestActor);

        lifecycle.ExpectMsg("stopped:a/1");
        ExpectMsg(new EntityRouterProtocol.EntityStopped("a"));
        router.Router.Tell(EntityRouterProtocol.GetEntityCount.Instance, TestActor);
        ExpectMsg(new EntityRouterProtocol.EntityCount(0));
    }

    [Fact]
    public void StopEntity_NotRunning_AnswersAtOnceWithoutStartingIt()
    {
        var lifecycle = CreateTestProbe();
        var router = StartLifecycleRouter(lifecycle);

        router.Router.Tell(new EntityRouterProtocol.StopEntity("never"), TestActor);

        ExpectMsg(new EntityRouterProtocol.EntityStopped("never"));
        lifecycle.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    /// <summary>
    /// The stop goes to the entity in mailbox order: what the router forwarded before it is still served
    /// (a Context.Stop from the router would drop it and leave its askers waiting for their timeout).
    /// </summary>
    [Fact]
    public void StopEntity_MessagesAlreadyInTheEntitysMailbox_AreAnsweredBeforeItStops()
    {
        using var gate = new ManualResetEventSlim();
        var router = LocalEntityRouter.Start(Sys, "gated", _ => Props.Create(() => new GatedEntity(gate)));
        router.Tell("g", "first", TestActor);
        for (var i = 0; i < 5; i++)
        {
            router.Tell("g", "queued-" + i, TestActor);
        }

        router.Router.Tell(new EntityRouterProtocol.StopEntity("g"), TestActor);
        gate.Set();

        ExpectMsg("first");
        for (var i = 0; i < 5; i++)
        {
            ExpectMsg("queued-" + i);
        }

        ExpectMsg(new EntityRouterProtocol.EntityStopped("g"));
    }

    [Fact]
    public void StopEntity_TwoRequests_BothAnswered()
    {
        var lifecycle = CreateTestProbe();
        var other = CreateTestProbe();
        var router = StartLifecycleRouter(lifecycle);
        router.Tell("b", "hi", TestActor);
        ExpectMsg("b/1:hi");

        router.Router.Tell(new EntityRouterProtocol.StopEntity("b"), TestActor);
        router.Router.Tell(new EntityRouterProtocol.StopEntity("b"), other);

        ExpectMsg(new EntityRouterProtocol.EntityStopped("b"));
        other.ExpectMsg(new EntityRouterProtocol.EntityStopped("b"));
    }

    [Fact]
    public void StopEntity_MessagesWhileStopping_StartANewIncarnationAfterwards()
    {
        var lifecycle = CreateTestProbe();
        var router = StartLifecycleRouter(lifecycle);
        router.Tell("c", "hi", TestActor);
        ExpectMsg("c/1:hi");

        router.Router.Tell(new EntityRouterProtocol.StopEntity("c"), TestActor);
        router.Tell("c", "later", TestActor);

        ExpectMsg(new EntityRouterProtocol.EntityStopped("c"));
        ExpectMsg("c/2:later");
        lifecycle.ExpectMsg("started:c/1");
        lifecycle.ExpectMsg("stopped:c/1");
        lifecycle.ExpectMsg("started:c/2");
    }

    [Fact]
    public void DeliverIfActive_Running_DeliversWithTheOriginalSender()
    {
        var lifecycle = CreateTestProbe();
        var router = StartLifecycleRouter(lifecycle);
        router.Tell("d", "hi", TestActor);
        ExpectMsg("d/1:hi");

        router.Router.Tell(new EntityRouterProtocol.DeliverIfActive("d", "update"), TestActor);

        ExpectMsg("d/1:update");
    }

    [Fact]
    public void DeliverIfActive_NotRunning_AnswersNotActiveAndStartsNothing()
    {
        var lifecycle = CreateTestProbe();
        var router = StartLifecycleRouter(lifecycle);

        router.Router.Tell(new EntityRouterProtocol.DeliverIfActive("idle", "update"), TestActor);

        ExpectMsg(new EntityRouterProtocol.EntityNotActive("idle"));
        router.Router.Tell(EntityRouterProtocol.GetEntityCount.Instance, TestActor);
        ExpectMsg(new EntityRouterProtocol.EntityCount(0));
        lifecycle.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void DeliverIfActive_WhileStopping_AnswersNotActive()
    {
        var gate = CreateTestProbe();
        var router = LocalEntityRouter.Start(Sys, "slow-deliver", _ => Props.Create(() => new SlowStopEntity(gate, 1)));
        router.Tell("s", "hi", TestActor);
        ExpectMsg("1:hi");
        router.Tell("s", "passivate", TestActor);
        gate.ExpectMsg("stop-requested");

        router.Router.Tell(new EntityRouterProtocol.DeliverIfActive("s", "update"), TestActor);

        ExpectMsg(new EntityRouterProtocol.EntityNotActive("s"));
    }

    /// <summary>Echoes "{id}/{incarnation}:{message}" to the sender and reports start and stop to the probe.</summary>
    private sealed class LifecycleEntity : ReceiveActor
    {
        private readonly string _name;
        private readonly IActorRef _probe;

        public LifecycleEntity(string id, int incarnation, IActorRef probe)
        {
            _name = $"{id}/{incarnation}";
            _probe = probe;
            probe.Tell("started:" + _name);
            Receive<string>(s => Sender.Tell($"{_name}:{s}"));
        }

        protected override void PostStop() => _probe.Tell("stopped:" + _name);
    }

    /// <summary>Blocks on its first message until the gate opens, so later ones wait in its mailbox.</summary>
    private sealed class GatedEntity : ReceiveActor
    {
        public GatedEntity(ManualResetEventSlim gate)
        {
            Receive<string>(s =>
            {
                gate.Wait(TimeSpan.FromSeconds(10));
                Sender.Tell(s);
            });
        }
    }
}
