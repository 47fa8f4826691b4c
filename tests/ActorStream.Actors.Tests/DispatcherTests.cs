using System.Collections.Concurrent;
using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class DispatcherTests : TestKit.Xunit2.TestKit
{
    public DispatcherTests()
        : base("""
            fair-dispatcher { executor = dedicated-threads, dedicated-thread-count = 1, throughput = 1 }
            batch-dispatcher { executor = dedicated-threads, dedicated-thread-count = 1, throughput = 100 }
            pinned-dispatcher { executor = dedicated-threads, dedicated-thread-count = 2 }
            tuned-dispatcher { throughput = 12, throughput-deadline-time = 5ms }
            broken-dispatcher { executor = carrier-pigeon }
            """)
    {
    }

    private sealed record Block(ManualResetEventSlim Gate);

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(string name, ConcurrentQueue<string> log, IActorRef report)
        {
            Receive<Block>(b =>
            {
                report.Tell("blocked");
                b.Gate.Wait(TimeSpan.FromSeconds(10));
            });
            Receive<int>(_ => log.Enqueue(name));
            Receive<string>(s => s == "dispatcher", _ => Sender.Tell((Context.Dispatcher.Id, Context.Dispatcher.Throughput, Context.Dispatcher.ThroughputDeadline)));
            Receive<string>(s => s == "thread", _ => Sender.Tell(Thread.CurrentThread.Name ?? string.Empty));
        }
    }

    private string RunTwoBusyActors(string dispatcher)
    {
        var log = new ConcurrentQueue<string>();
        var blocker = Sys.ActorOf(Props.Create(() => new Recorder("g", log, TestActor)).WithDispatcher(dispatcher));
        var a = Sys.ActorOf(Props.Create(() => new Recorder("A", log, TestActor)).WithDispatcher(dispatcher));
        var b = Sys.ActorOf(Props.Create(() => new Recorder("B", log, TestActor)).WithDispatcher(dispatcher));
        a.Tell("thread");
        b.Tell("thread");
        ReceiveN(2);

        // Hold the dispatcher's only thread, queue a backlog for A then B, and let go.
        using var gate = new ManualResetEventSlim(false);
        blocker.Tell(new Block(gate));
        ExpectMsg("blocked");
        for (var i = 0; i < 5; i++)
        {
            a.Tell(i);
        }

        for (var i = 0; i < 5; i++)
        {
            b.Tell(i);
        }

        gate.Set();
        AwaitCondition(() => log.Count == 10, TimeSpan.FromSeconds(5));
        return string.Concat(log);
    }

    [Fact]
    public void Throughput_One_ActorsSharingAThreadAlternate()
    {
        Assert.Equal("ABABABABAB", RunTwoBusyActors("fair-dispatcher"));
    }

    [Fact]
    public void Throughput_Hundred_ActorDrainsItsBacklogInOneTurn()
    {
        Assert.Equal("AAAAABBBBB", RunTwoBusyActors("batch-dispatcher"));
    }

    [Fact]
    public void DispatcherConfig_ThroughputAndDeadline_AreRead()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder("x", new ConcurrentQueue<string>(), TestActor)).WithDispatcher("tuned-dispatcher"));
        actor.Tell("dispatcher");
        ExpectMsg(("tuned-dispatcher", 12, TimeSpan.FromMilliseconds(5)));
    }

    [Fact]
    public void DispatcherConfig_Defaults_AreAkkas()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder("x", new ConcurrentQueue<string>(), TestActor)));
        actor.Tell("dispatcher");
        ExpectMsg((Props.DefaultDispatcherId, 30, TimeSpan.Zero));
        var io = Sys.ActorOf(Props.Create(() => new Recorder("x", new ConcurrentQueue<string>(), TestActor)).WithDispatcher("actorstream.actor.default-blocking-io-dispatcher"));
        io.Tell("dispatcher");
        ExpectMsg(("actorstream.actor.default-blocking-io-dispatcher", 1, TimeSpan.Zero));
    }

    [Fact]
    public void DedicatedThreads_ActorRunsOnNamedDispatcherThread()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder("x", new ConcurrentQueue<string>(), TestActor)).WithDispatcher("pinned-dispatcher"));
        actor.Tell("thread");
        Assert.StartsWith("pinned-dispatcher-", ExpectMsg<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownExecutor_ActorOfThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => Sys.ActorOf(Props.Create(() => new Recorder("x", new ConcurrentQueue<string>(), TestActor)).WithDispatcher("broken-dispatcher")));
        Assert.Contains("carrier-pigeon", ex.Message, StringComparison.Ordinal);
    }
}
