using System.Diagnostics;
using ActorStream.Actor;
using Xunit.Sdk;

namespace ActorStream.TestKit.Tests;

public sealed class ExpectMsgTests : Xunit2.TestKit
{
    [Fact]
    public void ExpectMsgOfType_MatchingType_ReturnsMessage()
    {
        TestActor.Tell(42);
        Assert.Equal(42, ExpectMsg<int>());
        Assert.Equal(42, LastMessage);
        Assert.Equal(TestActor, LastSender);
    }

    [Fact]
    public void ExpectMsgOfType_WrongType_FailsNamingBothTypes()
    {
        TestActor.Tell("a string");
        var ex = Assert.Throws<XunitException>(() => ExpectMsg<int>());
        Assert.Contains("Int32", ex.Message, StringComparison.Ordinal);
        Assert.Contains("a string", ex.Message, StringComparison.Ordinal);
        Assert.Contains("String", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_WrongType_DoesNotSkipToLaterMatchingMessage()
    {
        TestActor.Tell("first");
        TestActor.Tell(2);
        Assert.Throws<XunitException>(() => ExpectMsg<int>());
        ExpectMsg(2);
    }

    [Fact]
    public void ExpectMsg_NothingArrives_FailsWithTimeoutAfterTheDuration()
    {
        var stopwatch = Stopwatch.StartNew();
        var ex = Assert.Throws<XunitException>(() => ExpectMsg<int>(TimeSpan.FromMilliseconds(150)));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(140), $"failed after {stopwatch.Elapsed}");
        Assert.Contains("Timeout", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Int32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_Hint_AppearsInFailure()
    {
        var ex = Assert.Throws<XunitException>(() => ExpectMsg<int>(TimeSpan.FromMilliseconds(10), "the answer"));
        Assert.Contains("the answer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgValue_Equal_Passes()
    {
        TestActor.Tell("hello");
        Assert.Equal("hello", ExpectMsg("hello"));
    }

    [Fact]
    public void ExpectMsgValue_NotEqual_FailsShowingBoth()
    {
        TestActor.Tell("actual-value");
        var ex = Assert.Throws<XunitException>(() => ExpectMsg("expected-value"));
        Assert.Contains("expected-value", ex.Message, StringComparison.Ordinal);
        Assert.Contains("actual-value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgPredicate_Matches_PassesAndFailsOtherwise()
    {
        TestActor.Tell(10);
        TestActor.Tell(11);
        Assert.Equal(10, ExpectMsg<int>(i => i % 2 == 0));
        var ex = Assert.Throws<XunitException>(() => ExpectMsg<int>(i => i % 2 == 0));
        Assert.Contains("11", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgAssert_AssertionFails_PropagatesIt()
    {
        TestActor.Tell(3);
        TestActor.Tell(4);
        Assert.Equal(3, ExpectMsg<int>(i => Assert.Equal(3, i)));
        Assert.ThrowsAny<XunitException>(() => ExpectMsg<int>(i => Assert.Equal(3, i)));
    }

    [Fact]
    public void ExpectMsgFrom_RightSender_PassesWrongSenderFails()
    {
        var probe = CreateTestProbe();
        TestActor.Tell("from-probe", probe.Ref);
        Assert.Equal("from-probe", ExpectMsgFrom<string>(probe.Ref));
        TestActor.Tell("from-nobody", ActorRefs.NoSender);
        var ex = Assert.Throws<XunitException>(() => ExpectMsgFrom<string>(probe.Ref));
        Assert.Contains("came from", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsgAllOf_AnyOrder_Passes()
    {
        TestActor.Tell(3);
        TestActor.Tell(1);
        TestActor.Tell(2);
        Assert.Equal(new[] { 3, 1, 2 }, ExpectMsgAllOf(1, 2, 3));
    }

    [Fact]
    public void ExpectMsgAllOf_Unexpected_FailsListingMissingAndUnexpected()
    {
        TestActor.Tell(1);
        TestActor.Tell(5);
        var ex = Assert.Throws<XunitException>(() => ExpectMsgAllOf(1, 2));
        Assert.Contains("missing [2]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected [5]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectTerminated_WatchedActorStops_ReturnsTerminated()
    {
        var probe = CreateTestProbe();
        Watch(probe.Ref);
        Sys.Stop(probe.Ref);
        var terminated = ExpectTerminated(probe.Ref);
        Assert.Equal(probe.Ref, terminated.ActorRef);
    }

    [Fact]
    public void ExpectTerminated_OtherActorsTermination_Fails()
    {
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        Watch(first.Ref);
        Sys.Stop(first.Ref);
        Assert.Throws<XunitException>(() => ExpectTerminated(second.Ref));
    }

    [Fact]
    public async Task ExpectMsgAsync_Variants_PassAndFail()
    {
        TestActor.Tell(1);
        TestActor.Tell("two");
        TestActor.Tell(3);
        Assert.Equal(1, await ExpectMsgAsync(1));
        Assert.Equal("two", await ExpectMsgAsync<string>(s => s.Length == 3));
        await Assert.ThrowsAsync<XunitException>(() => ExpectMsgAsync<string>());
        await Assert.ThrowsAsync<XunitException>(() => ExpectMsgAsync<int>(TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public async Task ExpectMsgAllOfAsync_AnyOrder_Passes()
    {
        TestActor.Tell("b");
        TestActor.Tell("a");
        Assert.Equal(2, (await ExpectMsgAllOfAsync(new[] { "a", "b" })).Count);
    }

    [Fact]
    public void HasMessages_ReflectsQueue()
    {
        Assert.False(HasMessages);
        TestActor.Tell(1);
        AwaitCondition(() => HasMessages, TimeSpan.FromSeconds(1));
        ExpectMsg(1);
        Assert.False(HasMessages);
    }
}
