using System.Collections.Concurrent;
using ActorStream.Actor;
using ActorStream.Configuration;

namespace ActorStream.Actors.Tests;

public sealed class ActorSystemTests
{
    private sealed class Node : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _stopped;

        public Node(ConcurrentQueue<string> stopped, int depth)
        {
            _stopped = stopped;
            if (depth > 0)
            {
                Context.ActorOf(Props.Create(() => new Node(stopped, depth - 1)), "n" + depth);
            }

            ReceiveAny(m => Sender.Tell(m));
        }

        protected override void PostStop() => _stopped.Enqueue(Self.Path.ToString());
    }

    [Fact]
    public async Task Terminate_StopsEveryActorChildrenBeforeParents()
    {
        var system = ActorSystem.Create("terminate-order");
        var stopped = new ConcurrentQueue<string>();
        system.ActorOf(Props.Create(() => new Node(stopped, 3)), "a");
        system.ActorOf(Props.Create(() => new Node(stopped, 1)), "b");
        await ResolveEventuallyAsync(system, "/user/a/n3/n2/n1");
        await ResolveEventuallyAsync(system, "/user/b/n1");

        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        var order = stopped.ToList();
        Assert.Equal(6, order.Count);
        var a = "akka://terminate-order/user/a";
        Assert.True(order.IndexOf(a + "/n3/n2/n1") < order.IndexOf(a + "/n3/n2"));
        Assert.True(order.IndexOf(a + "/n3/n2") < order.IndexOf(a + "/n3"));
        Assert.True(order.IndexOf(a + "/n3") < order.IndexOf(a));
        Assert.True(order.IndexOf("akka://terminate-order/user/b/n1") < order.IndexOf("akka://terminate-order/user/b"));
        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
    }

    /// <summary>Children are created by their parents' constructors, asynchronously: wait until the path resolves.</summary>
    private static async Task ResolveEventuallyAsync(ActorSystem system, string path)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await system.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(1));
                return;
            }
            catch (ActorNotFoundException) when (stopwatch.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Yield();
            }
        }
    }

    [Fact]
    public async Task Terminate_CalledTwice_CompletesOnce()
    {
        var system = ActorSystem.Create("terminate-twice");
        var first = system.Terminate();
        var second = system.Terminate();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(system.WhenTerminated, first);
    }

    [Fact]
    public void Create_InvalidName_Throws()
    {
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad name"));
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("-leading-dash"));
    }

    [Fact]
    public async Task Create_WithConfig_OverridesReferenceDefaults()
    {
        var system = ActorSystem.Create("configured", ConfigurationFactory.ParseString("actorstream.actor.ask-timeout = 7s"));
        try
        {
            Assert.Equal(TimeSpan.FromSeconds(7), system.Settings.AskTimeout);
            Assert.Equal(TimeSpan.FromSeconds(20), system.Settings.CreationTimeout);
            Assert.Equal("configured", system.Name);
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task Dispose_TerminatesTheSystem()
    {
        var system = ActorSystem.Create("disposed");
        system.Dispose();
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.True(system.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task Uptime_And_StartTime_AreConsistent()
    {
        var system = ActorSystem.Create("uptime");
        try
        {
            Assert.True(system.Uptime >= TimeSpan.Zero);
            Assert.True(system.StartTime <= system.Scheduler.Now);
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
