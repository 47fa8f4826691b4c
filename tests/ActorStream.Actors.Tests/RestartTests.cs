using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

/// <summary>Guarantee: a restart keeps the mailbox, the path and the UID, and resets the actor's state.</summary>
public sealed class RestartTests : TestKit.Xunit2.TestKit
{
    private sealed record Block(ManualResetEventSlim Gate);

    private sealed record Fail;

    private sealed record Reply(int Instance, string Message, int Counter, long Uid);

    private sealed class InstanceCounter
    {
        private int _count;

        public int Next() => Interlocked.Increment(ref _count);
    }

    private sealed class Counting : ReceiveActor
    {
        private int _counter;

        public Counting(InstanceCounter instances, IActorRef report)
        {
            var instance = instances.Next();
            Receive<Block>(b =>
            {
                _counter++;
                report.Tell("blocked");
                b.Gate.Wait(TimeSpan.FromSeconds(10));
            });
            Receive<Fail>(_ => throw new InvalidOperationException("restart me"));
            Receive<string>(m =>
            {
                _counter++;
                report.Tell(new Reply(instance, m, _counter, Self.Path.Uid));
            });
        }
    }

    [Fact]
    public void Restart_MessagesQueuedBehindTheFailure_AreHandledByTheNewInstanceWithFreshState()
    {
        for (var round = 0; round < 5; round++)
        {
            var instances = new InstanceCounter();
            var probe = CreateTestProbe();
            var actor = Sys.ActorOf(Props.Create(() => new Counting(instances, probe)));
            var uid = actor.Path.Uid;
            using var gate = new ManualResetEventSlim(false);
            actor.Tell(new Block(gate));
            probe.ExpectMsg("blocked");
            actor.Tell(new Fail());
            actor.Tell("a");
            actor.Tell("b");
            actor.Tell("c");
            gate.Set();

            probe.ExpectMsg(new Reply(2, "a", 1, uid));
            probe.ExpectMsg(new Reply(2, "b", 2, uid));
            probe.ExpectMsg(new Reply(2, "c", 3, uid));
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        }
    }

    [Fact]
    public void Restart_SameReference_PathAndUidUnchanged()
    {
        var instances = new InstanceCounter();
        var actor = Sys.ActorOf(Props.Create(() => new Counting(instances, TestActor)), "restarting");
        actor.Tell("before");
        var before = ExpectMsg<Reply>();
        actor.Tell(new Fail());
        actor.Tell("after");
        var after = ExpectMsg<Reply>();

        Assert.Equal(1, before.Instance);
        Assert.Equal(2, after.Instance);
        Assert.Equal(before.Uid, after.Uid);
        Assert.Equal(actor.Path.Uid, after.Uid);
        Assert.Equal($"akka://{Sys.Name}/user/restarting", actor.Path.ToString());
    }

    [Fact]
    public void Restart_FailingMessage_IsNotRetried()
    {
        var instances = new InstanceCounter();
        var actor = Sys.ActorOf(Props.Create(() => new Counting(instances, TestActor)));
        actor.Tell(new Fail());
        actor.Tell("next");
        ExpectMsg(new Reply(2, "next", 1, actor.Path.Uid));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(2, instances.Next() - 1);
    }
}
