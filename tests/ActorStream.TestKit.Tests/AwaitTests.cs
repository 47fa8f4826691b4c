using System.Diagnostics;
using Xunit.Sdk;

namespace ActorStream.TestKit.Tests;

public sealed class AwaitTests : Xunit2.TestKit
{
    [Fact]
    public void AwaitCondition_BecomesTrue_Returns()
    {
        var stopwatch = Stopwatch.StartNew();
        AwaitCondition(() => stopwatch.ElapsedMilliseconds > 50, TimeSpan.FromSeconds(2));
        Assert.True(stopwatch.ElapsedMilliseconds > 50);
    }

    [Fact]
    public void AwaitCondition_NeverTrue_FailsAfterMaxWithMessage()
    {
        var stopwatch = Stopwatch.StartNew();
        var ex = Assert.Throws<XunitException>(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(150), message: "the light turns green"));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(140), $"gave up after {stopwatch.Elapsed}");
        Assert.Contains("the light turns green", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AwaitCondition_PollsRepeatedly()
    {
        var polls = 0;
        AwaitCondition(() => ++polls >= 3, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(5));
        Assert.Equal(3, polls);
    }

    [Fact]
    public async Task AwaitConditionAsync_PassesAndFails()
    {
        var stopwatch = Stopwatch.StartNew();
        await AwaitConditionAsync(() => stopwatch.ElapsedMilliseconds > 30, TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<XunitException>(() => AwaitConditionAsync(() => Task.FromResult(false), TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void AwaitAssert_EventuallyPasses_Returns()
    {
        var attempts = 0;
        AwaitAssert(() => Assert.True(++attempts >= 3), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(5));
        Assert.Equal(3, attempts);
    }

    [Fact]
    public void AwaitAssert_NeverPasses_RethrowsLastAssertionFailure()
    {
        var attempts = 0;
        var ex = Assert.ThrowsAny<XunitException>(() => AwaitAssert(() => Assert.Equal(-1, ++attempts), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10)));
        Assert.True(attempts > 1);
        Assert.Contains(attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwaitAssertAsync_PassesAndFails()
    {
        var attempts = 0;
        await AwaitAssertAsync(() => Assert.True(++attempts >= 2), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(5));
        await Assert.ThrowsAnyAsync<XunitException>(() => AwaitAssertAsync(() => Assert.True(false), TimeSpan.FromMilliseconds(50)));
    }
}
