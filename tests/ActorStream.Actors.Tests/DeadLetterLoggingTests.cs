using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

/// <summary>Dead-letter logging stops after log-dead-letters entries and stays muted for the suspend duration.</summary>
public sealed class DeadLetterLoggingTests : TestKit.Xunit2.TestKit
{
    public DeadLetterLoggingTests()
        : base("actorstream.log-dead-letters = 3")
    {
    }

    private void SendDeadLettersAndSettle(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Sys.DeadLetters.Tell(i);
        }

        // The listener answers Identify only after it handled the dead letters published before it.
        Sys.ActorSelection("/system/deadLetterListener").Tell(new Identify("settle"));
        Assert.NotNull(ExpectMsg<ActorIdentity>().Subject);
    }

    [Fact]
    public void DeadLetters_BeyondLimit_AreMuted()
    {
        Assert.Equal(3, Sys.Settings.LogDeadLetters);
        EventFilter.Info(contains: "dead letters encountered").Expect(3, () => SendDeadLettersAndSettle(10));
        EventFilter.Info(contains: "dead letters encountered").Expect(0, () => SendDeadLettersAndSettle(5));
    }

    [Fact]
    public void DeadLetters_LastLoggedEntry_SaysLoggingIsMuted()
    {
        EventFilter.Info(contains: "muted").ExpectOne(() => SendDeadLettersAndSettle(3));
    }
}
