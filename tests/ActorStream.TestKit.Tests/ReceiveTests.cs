using ActorStream.Actor;
using Xunit.Sdk;

namespace ActorStream.TestKit.Tests;

public sealed class ReceiveTests : Xunit2.TestKit
{
    [Fact]
    public void ReceiveN_ReturnsMessagesInOrder()
    {
        for (var i = 0; i < 10; i++)
        {
            TestActor.Tell(i);
        }

        Assert.Equal(Enumerable.Range(0, 10).Cast<object>(), ReceiveN(10));
    }

    [Fact]
    public void ReceiveN_TooFew_FailsSayingHowManyArrived()
    {
        TestActor.Tell(1);
        TestActor.Tell(2);
        var ex = Assert.Throws<XunitException>(() => ReceiveN(3, TimeSpan.FromSeconds(1)));
        Assert.Contains("got 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceiveNAsync_ReturnsAndFails()
    {
        TestActor.Tell("a");
        TestActor.Tell("b");
        Assert.Equal(new object[] { "a", "b" }, await ReceiveNAsync(2));
        await Assert.ThrowsAsync<XunitException>(() => ReceiveNAsync(1, TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void ReceiveOne_ReturnsMessageOrNullOnTimeout()
    {
        TestActor.Tell("one");
        Assert.Equal("one", ReceiveOne());
        Assert.Null(ReceiveOne(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task ReceiveOneAsync_ReturnsMessageOrNull()
    {
        TestActor.Tell(5);
        Assert.Equal(5, await ReceiveOneAsync());
        Assert.Null(await ReceiveOneAsync(TimeSpan.FromMilliseconds(30)));
    }

    [Fact]
    public void FishForMessage_SkipsNonMatching()
    {
        TestActor.Tell("noise");
        TestActor.Tell(1);
        TestActor.Tell(20);
        TestActor.Tell(30);
        Assert.Equal(20, FishForMessage<int>(i => i > 10));
        ExpectMsg(30);
    }

    [Fact]
    public void FishForMessage_NeverMatches_FailsWithHint()
    {
        TestActor.Tell(1);
        var ex = Assert.Throws<XunitException>(() => FishForMessage<int>(i => i > 10, TimeSpan.FromMilliseconds(100), "a big number"));
        Assert.Contains("a big number", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FishForMessage", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FishForMessageAsync_SkipsNonMatching()
    {
        TestActor.Tell("x");
        TestActor.Tell("target");
        Assert.Equal("target", await FishForMessageAsync<string>(s => s.StartsWith('t')));
        await Assert.ThrowsAsync<XunitException>(() => FishForMessageAsync<string>(_ => true, TimeSpan.FromMilliseconds(30)));
    }
}
