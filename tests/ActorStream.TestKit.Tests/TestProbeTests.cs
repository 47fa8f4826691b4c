using ActorStream.Actor;

namespace ActorStream.TestKit.Tests;

public sealed class TestProbeTests : Xunit2.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public void Send_TargetSeesProbeAsSender()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));
        probe.Send(echo, "ping");
        probe.ExpectMsg("ping");
        Assert.Equal(echo, probe.LastSender);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Reply_GoesToLastSender()
    {
        var probe = CreateTestProbe();
        probe.Ref.Tell("question", TestActor);
        probe.ExpectMsg("question");
        probe.Reply("answer");
        ExpectMsg("answer");
        Assert.Equal(probe.Ref, LastSender);
    }

    [Fact]
    public void Forward_KeepsOriginalSender()
    {
        var probe = CreateTestProbe();
        var other = CreateTestProbe();
        probe.Ref.Tell("msg", TestActor);
        probe.ExpectMsg("msg");
        probe.Forward(other.Ref);
        other.ExpectMsg("msg");
        Assert.Equal(TestActor, other.LastSender);
    }

    [Fact]
    public void AutoPilot_KeepRunning_RepliesToEveryMessage()
    {
        var probe = CreateTestProbe();
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            sender.Tell("auto:" + message, ActorRefs.NoSender);
            return AutoPilot.KeepRunning;
        }));
        probe.Ref.Tell("a", TestActor);
        probe.Ref.Tell("b", TestActor);
        ExpectMsg("auto:a");
        ExpectMsg("auto:b");
        probe.ExpectMsg("a");
        probe.ExpectMsg("b");
    }

    [Fact]
    public void AutoPilot_NoAutoPilot_StopsAfterFirstMessage()
    {
        var probe = CreateTestProbe();
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            sender.Tell("once", ActorRefs.NoSender);
            return AutoPilot.NoAutoPilot;
        }));
        probe.Ref.Tell(1, TestActor);
        probe.Ref.Tell(2, TestActor);
        ExpectMsg("once");
        probe.ReceiveN(2);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Probe_IsAnActorRef()
    {
        var probe = CreateTestProbe("named");
        Sys.ActorOf(Props.Create(() => new Echo())).Tell("direct", probe);
        probe.ExpectMsg("direct");
        Assert.True(probe.Equals(probe.Ref));
        Assert.Equal(probe.Ref.Path, probe.Path);
        Assert.StartsWith("named-", probe.Path.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTestProbe_DoesNotChangeTheTestsImplicitSender()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));
        var probe = CreateTestProbe();
        echo.Tell("after-probe");
        ExpectMsg("after-probe");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Probe_WatchAndExpectTerminated()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));
        probe.Watch(echo);
        Sys.Stop(echo);
        Assert.True(probe.ExpectTerminated(echo).ExistenceConfirmed);
    }

    [Fact]
    public void Probe_Unwatch_NoTerminated()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));
        probe.Watch(echo);
        probe.Unwatch(echo);
        Sys.Stop(echo);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void TestActor_AutoPilot_Works()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));
        SetAutoPilot(new DelegateAutoPilot((sender, message) => message is int i && i < 3 ? Reply(sender, i + 1) : AutoPilot.NoAutoPilot));
        echo.Tell(0);
        Assert.Equal(new object[] { 0, 1, 2, 3 }, ReceiveN(4));
    }

    private AutoPilot Reply(IActorRef to, int value)
    {
        to.Tell(value, TestActor);
        return AutoPilot.KeepRunning;
    }
}
