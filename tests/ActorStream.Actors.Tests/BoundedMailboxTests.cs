using ActorStream.Actor;
using ActorStream.Event;

namespace ActorStream.Actors.Tests;

public sealed class BoundedMailboxTests : TestKit.Xunit2.TestKit
{
    public BoundedMailboxTests()
        : base("small-mailbox { mailbox-type = bounded, mailbox-capacity = 5 }")
    {
    }

    private sealed record Block(ManualResetEventSlim Gate);

    private sealed class Blocker : ReceiveActor
    {
        public Blocker(IActorRef report)
        {
            Receive<Block>(b =>
            {
                report.Tell("blocked");
                b.Gate.Wait(TimeSpan.FromSeconds(10));
            });
            Receive<int>(i => report.Tell(i));
        }
    }

    [Fact]
    public void Overflow_MessagesBeyondCapacity_GoToDeadLetters()
    {
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters, typeof(DeadLetter));
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(TestActor)).WithMailbox("small-mailbox"));
        using var gate = new ManualResetEventSlim(false);
        actor.Tell(new Block(gate));
        ExpectMsg("blocked");
        for (var i = 1; i <= 10; i++)
        {
            actor.Tell(i);
        }

        var dropped = deadLetters.ReceiveN(5).Cast<DeadLetter>().ToList();
        Assert.Equal(new object[] { 6, 7, 8, 9, 10 }, dropped.Select(d => d.Message));
        Assert.All(dropped, d => Assert.Equal(actor, d.Recipient));
        gate.Set();
        Assert.Equal(new object[] { 1, 2, 3, 4, 5 }, ReceiveN(5));
        deadLetters.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Drained_CapacityIsAvailableAgain()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(TestActor)).WithMailbox("small-mailbox"));
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                actor.Tell(i);
            }

            Assert.Equal(new object[] { 0, 1, 2, 3, 4 }, ReceiveN(5));
        }
    }

    [Fact]
    public void ReferenceBoundedMailbox_IsConfigured()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Blocker(TestActor)).WithMailbox("actorstream.actor.bounded-mailbox"));
        actor.Tell(1);
        ExpectMsg(1);
    }
}
