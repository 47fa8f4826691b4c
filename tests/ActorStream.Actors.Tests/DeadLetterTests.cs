using ActorStream.Actor;
using ActorStream.Event;

namespace ActorStream.Actors.Tests;

public sealed class DeadLetterTests : TestKit.Xunit2.TestKit
{
    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    private sealed record Suppressed : IDeadLetterSuppression;

    private IActorRef StoppedActor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idle()));
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Unwatch(actor);
        return actor;
    }

    [Fact]
    public void Tell_StoppedActor_PublishesDeadLetterWithSenderAndRecipient()
    {
        var actor = StoppedActor();
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(DeadLetter));
        actor.Tell("lost-1");
        actor.Tell("lost-2", ActorRefs.NoSender);
        var first = probe.ExpectMsg<DeadLetter>();
        Assert.Equal("lost-1", first.Message);
        Assert.Equal(TestActor, first.Sender);
        Assert.Equal(actor, first.Recipient);
        var second = probe.ExpectMsg<DeadLetter>();
        Assert.Equal("lost-2", second.Message);
        Assert.Equal(Sys.DeadLetters, second.Sender);
    }

    [Fact]
    public void EventFilterDeadLetter_CountsExactly()
    {
        var actor = StoppedActor();
        EventFilter.DeadLetter<int>().Expect(5, () =>
        {
            for (var i = 0; i < 5; i++)
            {
                actor.Tell(i);
            }
        });
    }

    [Fact]
    public void DeadLetterListener_LogsCountOfDeadLetters()
    {
        var actor = StoppedActor();
        EventFilter.Info(contains: "dead letters encountered").Expect(3, () =>
        {
            actor.Tell("a");
            actor.Tell("b");
            actor.Tell("c");
        });
    }

    [Fact]
    public void DeadLetterListener_SuppressedMessages_AreNotLoggedButStillPublished()
    {
        var actor = StoppedActor();
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(DeadLetter));
        EventFilter.Info(contains: "dead letters encountered").Expect(0, () => actor.Tell(new Suppressed()));
        Assert.IsType<Suppressed>(probe.ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void DeadLetter_ToDeadSubscriberOfDeadLetters_IsDroppedInsteadOfLooping()
    {
        // A stopped actor that is (still) subscribed to DeadLetter cannot take one: re-publishing it
        // as a new dead letter would reach the same subscriber again, forever.
        var dead = StoppedActor();
        Sys.EventStream.Subscribe(dead, typeof(DeadLetter));
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(DeadLetter));

        Sys.DeadLetters.Tell("undeliverable");

        Assert.Equal("undeliverable", probe.ExpectMsg<DeadLetter>().Message);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Sys.EventStream.Unsubscribe(dead);
    }

    [Fact]
    public void TellDeadLettersDirectly_IsPublished()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        Sys.DeadLetters.Tell("direct");
        var letter = ExpectMsg<DeadLetter>();
        Assert.Equal("direct", letter.Message);
        Assert.Equal(Sys.DeadLetters, letter.Recipient);
        Assert.Equal($"akka://{Sys.Name}/deadLetters", Sys.DeadLetters.Path.ToString());
    }

    [Fact]
    public void Watch_DeadLetters_TerminatedWithoutExistence()
    {
        Watch(Sys.DeadLetters);
        Assert.False(ExpectTerminated(Sys.DeadLetters).ExistenceConfirmed);
    }
}
