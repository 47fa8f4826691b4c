using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class SmokeTests : TestKit.Xunit2.TestKit
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public void Tell_EchoActor_RepliesToTestActor()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()), "echo");
        echo.Tell("hello");
        ExpectMsg("hello");
    }

    [Fact]
    public async Task Ask_EchoActor_CompletesWithReply()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));
        var reply = await echo.Ask<int>(42, TimeSpan.FromSeconds(3));
        Assert.Equal(42, reply);
    }
}
