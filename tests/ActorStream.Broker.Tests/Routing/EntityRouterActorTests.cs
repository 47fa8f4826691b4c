using ActorStream.Actor;
using ActorStream.Broker.Routing;

namespace ActorStream.Broker.Tests.Routing;

public sealed partial class EntityRouterActorTests : TestKit.Xunit2.TestKit
{
    /// <summary>Echoes (id, incarnation, message) to the sender; "passivate" asks to stop; "boom" throws; "count" reports messages seen.</summary>
    private sealed class EchoEntity : ReceiveActor
    {
        private static int s_incarnations;
        private int _seen;

        public EchoEntity(string id, IActorRef probe)
        {
            var incarnation = Interlocked.Increment(ref s_incarnations);
            probe.Tell($"started:{id}:{Context.Parent.Path.Name}");
            Receive<string>(s => s == "passivate", _ => Context.Parent.Tell(new EntityRouterProtocol.Passivate("stop")));
            Receive<string>(s => s == "stop", _ =>
            {
                probe.Tell($"stopping:{id}");
                Context.Stop(Self);
            });
            Receive<string>(s => s == "boom", _ => throw new InvalidOperationException("boom"));
            Receive<string>(s => s == "count", _ => Sender.Tell(_seen));
            Receive<string>(s =>
            {
                _seen++;
                Sender.Tell($"{id}:{s}:{Self.Path.Name}");
            });
        }
    }

    private LocalEntityRouter StartRouter(IActorRef probe, string name = "entities") =>
        LocalEntityRouter.Start(Sys, name, id => Props.Create(() => new EchoEntity(id, probe)));

    [Fact]
    public void Tell_FirstMessage_CreatesEntityOnDemand()
    {
        var lifecycle = CreateTestProbe();
        var router = StartRouter(lifecycle);

        router.Router.Tell(EntityRouterProtocol.GetEntityCount.Instance, TestActor);
        ExpectMsg(new EntityRouterProtocol.EntityCount(0));

        router.Tell("a", "hello", TestActor);
        ExpectMsg("a:hello:a");
        lifecycle.ExpectMsg("started:a:entities");
        router.Tell("a", "again", TestActor);
        ExpectMsg("a:again:a");
        router.Tell("b", "x", TestActor);
        ExpectMsg("b:x:b");

        router.Router.Tell(EntityRouterProtocol.GetEntityCount.Instance, TestActor);
        ExpectMsg(new EntityRouterProtocol.EntityCount(2));
        lifecycle.ExpectMsg("started:b:entities");
        lifecycle.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Tell_WithOtherSender_ReplyGoesToOriginalSender()
    {
        var router = StartRouter(CreateTestProbe());
        var client = CreateTestProbe();

        router.Tell("p-0", "ping", client);

        client.ExpectMsg("p-0:ping:p-0");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Ask_ReturnsEntityReply()
    {
        var router = StartRouter(CreateTestProbe());

        var reply = await router.Ask<string>("g1", "q", TimeSpan.FromSeconds(3));

        Assert.Equal("g1:q:g1", reply);
    }

    [Theory]
    [InlineData("orders/0")]
    [InlineData("$weird id%with spaces")]
    [InlineData("ümlaut-名前")]
    [InlineData("a?b#c&d=e")]
    public void Tell_IdWithSpecialCharacters_EncodedNameDecodesToId(string id)
    {
        var router = StartRouter(CreateTestProbe());

        router.Tell(id, "m", TestActor);

        var reply = ExpectMsg<string>();
        var name = reply[(id.Length + 3)..];
        Assert.Equal($"{id}:m:{name}", reply);
        Assert.True(ActorPath.IsValidPathElement(name), name);
        Assert.Equal(id, EntityIdEncoding.Decode(name));
        Assert.Equal(EntityIdEncoding.Encode(id), name);
    }

    [Fact]
    public void Passivate_MessagesWhileStopping_AreBufferedAndDeliveredToNewIncarnation()
    {
        var lifecycle = CreateTestProbe();
        var router = StartRouter(lifecycle);
        router.Tell("e", "one", TestActor);
        ExpectMsg("e:one:e");
        lifecycle.ExpectMsg("started:e:entities");

        // "stopping" proves the router has handled Passivate, so what follows is buffered.
        router.Tell("e", "passivate", TestActor);
        lifecycle.ExpectMsg("stopping:e");
        router.Tell("e", "two", TestActor);
        router.Tell("e", "count", TestActor);

        ExpectMsg("e:two:e");
        ExpectMsg(1);
        lifecycle.ExpectMsg("started:e:entities");
    }

    [Fact]
    public void Passivate_BufferedDuringStop_DeliveredInOrderAfterTermination()
    {
        var gate = CreateTestProbe();
        var incarnations = 0;
        var router = LocalEntityRouter.Start(Sys, "slow", _ => Props.Create(() => new SlowStopEntity(gate, Interlocked.Increment(ref incarnations))));
        router.Tell("s", "hi", TestActor);
        ExpectMsg("1:hi");

        router.Tell("s", "passivate", TestActor);
        gate.ExpectMsg("stop-requested");
        router.Tell("s", "b1", TestActor);
        router.Tell("s", "b2", TestActor);
        router.Router.Tell(EntityRouterProtocol.GetEntityCount.Instance, TestActor);
        ExpectMsg(new EntityRouterProtocol.EntityCount(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        gate.Reply("go");

        ExpectMsg("2:b1");
        ExpectMsg("2:b2");
    }

    /// <summary>On "stop" waits for "go" before stopping, so messages pile up in the router's buffer.</summary>
    private sealed class SlowStopEntity : ReceiveActor
    {
        public SlowStopEntity(IActorRef gate, int incarnation)
        {
            Receive<string>(s => s == "passivate", _ => Context.Parent.Tell(new EntityRouterProtocol.Passivate("stop")));
            Receive<string>(s => s == "stop", _ => gate.Tell("stop-requested", Self));
            Receive<string>(s => s == "go", _ => Context.Stop(Self));
            Receive<string>(s => Sender.Tell($"{incarnation}:{s}"));
        }
    }

    [Fact]
    public void Tell_EntityFails_IsRestartedAndKeepsServing()
    {
        var lifecycle = CreateTestProbe();
        var router = StartRouter(lifecycle);
        router.Tell("f", "x", TestActor);
        ExpectMsg("f:x:f");
        lifecycle.ExpectMsg("started:f:entities");
        router.Tell("f", "count", TestActor);
        ExpectMsg(1);

        router.Tell("f", "boom", TestActor);
        lifecycle.ExpectMsg("started:f:entities");

        router.Tell("f", "count", TestActor);
        ExpectMsg(0);
        router.Tell("f", "y", TestActor);
        ExpectMsg("f:y:f");
    }
}
