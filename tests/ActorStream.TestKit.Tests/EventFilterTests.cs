using ActorStream.Actor;
using ActorStream.Event;
using Xunit.Sdk;

namespace ActorStream.TestKit.Tests;

public sealed class EventFilterTests : Xunit2.TestKit
{
    public EventFilterTests()
        : base("actorstream.test.filter-leeway = 1s")
    {
    }

    private void Publish(LogEvent e) => Sys.EventStream.Publish(e);

    private void Warn(string text) => Publish(new Warning("src", typeof(EventFilterTests), text));

    /// <summary>The filters see events in publish order, so once the marker matched, every earlier event was seen.</summary>
    private void Settle() => EventFilter.Error(message: "settle-marker").ExpectOne(() => Publish(new Error(null, "src", typeof(EventFilterTests), "settle-marker")));

    [Fact]
    public void ExpectOne_OneMatchingEvent_Passes()
    {
        EventFilter.Warning(contains: "disk").ExpectOne(() => Warn("disk almost full"));
    }

    [Fact]
    public void ExpectOne_NoMatchingEvent_FailsAfterLeeway()
    {
        var ex = Assert.Throws<XunitException>(() => EventFilter.Warning(contains: "disk").ExpectOne(() => Warn("cpu hot")));
        Assert.Contains("expected 1 matching event(s), got 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_Count_PassesWhenExact()
    {
        EventFilter.Warning(start: "w").Expect(3, () =>
        {
            Warn("w1");
            Warn("w2");
            Warn("x-not-counted");
            Warn("w3");
        });
    }

    [Fact]
    public void Expect_MoreEventsThanExpected_Fails()
    {
        var ex = Assert.Throws<XunitException>(() => EventFilter.Warning(start: "w").Expect(2, () =>
        {
            Warn("w1");
            Warn("w2");
            Warn("w3");
            Settle();
        }));
        Assert.Contains("expected 2 matching event(s), got 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expect_FewerEventsThanExpected_Fails()
    {
        var ex = Assert.Throws<XunitException>(() => EventFilter.Warning(start: "w").Expect(3, () => Warn("w1")));
        Assert.Contains("got 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mute_SwallowsMatchingEventsUntilDisposed()
    {
        using (EventFilter.Warning(contains: "noisy").Mute())
        {
            // A filter added later never sees what the mute filter swallowed.
            EventFilter.Warning(contains: "noisy").Expect(0, () =>
            {
                Warn("noisy 1");
                Warn("noisy 2");
                Settle();
            });
        }

        EventFilter.Warning(contains: "noisy").ExpectOne(() => Warn("noisy 3"));
    }

    [Fact]
    public void Exception_MatchesErrorsByCauseType()
    {
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
        {
            Publish(new Error(new ArgumentException("other"), "src", typeof(EventFilterTests), "arg"));
            Publish(new Error(new InvalidOperationException("match"), "src", typeof(EventFilterTests), "ioe"));
            Publish(new Warning(new InvalidOperationException("warning, not error"), "src", typeof(EventFilterTests), "w"));
            Settle();
        });
    }

    [Fact]
    public void Exception_MessageMatchesCauseMessage()
    {
        EventFilter.Exception<InvalidOperationException>(message: "exact cause").ExpectOne(() =>
        {
            Publish(new Error(new InvalidOperationException("exact cause"), "src", typeof(EventFilterTests), "log text"));
            Publish(new Error(new InvalidOperationException("exact cause and more"), "src", typeof(EventFilterTests), "log text"));
            Settle();
        });
    }

    [Fact]
    public void Exception_ThrownByActor_IsCaught()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Thrower()));
        EventFilter.Exception<FormatException>(contains: "bad format").ExpectOne(() => actor.Tell("go"));
    }

    private sealed class Thrower : ReceiveActor
    {
        public Thrower() => ReceiveAny(_ => throw new FormatException("bad format"));
    }

    [Fact]
    public void Source_RestrictsToLogSource()
    {
        EventFilter.Info(source: "the-source").ExpectOne(() =>
        {
            Publish(new Info("other-source", typeof(EventFilterTests), "x"));
            Publish(new Info("the-source", typeof(EventFilterTests), "x"));
            Settle();
        });
    }

    [Fact]
    public void InfoAndDebug_MatchOnlyTheirLevel()
    {
        EventFilter.Debug(message: "same text").ExpectOne(() =>
        {
            Publish(new Info("s", typeof(EventFilterTests), "same text"));
            Publish(new Debug("s", typeof(EventFilterTests), "same text"));
            Settle();
        });
    }

    [Fact]
    public void Message_MatchesFormattedText()
    {
        EventFilter.Info(message: "value is 42").ExpectOne(() => Publish(new Info("s", typeof(EventFilterTests), "value is {0}", 42)));
    }

    [Fact]
    public void DeadLetter_CountsDeadLettersOfType()
    {
        EventFilter.DeadLetter<int>(i => i > 1).Expect(2, () =>
        {
            Sys.DeadLetters.Tell(1);
            Sys.DeadLetters.Tell(2);
            Sys.DeadLetters.Tell("not an int");
            Sys.DeadLetters.Tell(3);
        });
    }

    [Fact]
    public void Custom_PredicateFilter()
    {
        EventFilter.Custom(e => e.LogClass == typeof(string)).ExpectOne(() =>
        {
            Publish(new Info("s", typeof(string), "custom"));
            Publish(new Info("s", typeof(EventFilterTests), "custom"));
            Settle();
        });
    }

    [Fact]
    public async Task ExpectOneAsync_PassesAndFails()
    {
        await EventFilter.Warning(contains: "async").ExpectOneAsync(() =>
        {
            Warn("async warning");
            return Task.CompletedTask;
        });
        await Assert.ThrowsAsync<XunitException>(() => EventFilter.Warning(contains: "async").ExpectOneAsync(() => Task.CompletedTask));
    }
}
