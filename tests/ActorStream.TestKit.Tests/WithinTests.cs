using System.Diagnostics;
using ActorStream.Actor;
using Xunit.Sdk;

namespace ActorStream.TestKit.Tests;

public sealed class WithinTests : Xunit2.TestKit
{
    [Fact]
    public void Within_BlockFinishesInTime_ReturnsResult()
    {
        TestActor.Tell(1);
        Assert.Equal(1, Within(TimeSpan.FromSeconds(2), () => ExpectMsg<int>()));
    }

    [Fact]
    public void Within_BlockFasterThanMin_Fails()
    {
        var ex = Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), () => { }));
        Assert.Contains("less than the minimum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_BlockSlowerThanMax_Fails()
    {
        var slow = Assert.Throws<XunitException>(() => SlowBlock());
        Assert.Contains("exceeding", slow.Message, StringComparison.Ordinal);
    }

    private int SlowBlock() => Within(TimeSpan.FromMilliseconds(50), () =>
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromMilliseconds(120))
        {
            Thread.SpinWait(1000);
        }

        return 0;
    });

    [Fact]
    public void Within_ExpectationInside_IsCappedByRemainingTime()
    {
        var stopwatch = Stopwatch.StartNew();
        Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(200), () => ExpectMsg<int>(TimeSpan.FromSeconds(5))));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"ExpectMsg waited {stopwatch.Elapsed} instead of the Within cap");
    }

    [Fact]
    public void Within_Nested_InnerCannotExceedOuter()
    {
        var stopwatch = Stopwatch.StartNew();
        Within(TimeSpan.FromMilliseconds(300), () =>
        {
            var outerRemaining = Remaining;
            Within(TimeSpan.FromSeconds(10), () => Assert.True(Remaining <= outerRemaining, $"inner {Remaining} > outer {outerRemaining}"));
        });
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Remaining_OutsideWithin_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Remaining);
    }

    [Fact]
    public void RemainingOrDefault_OutsideWithin_IsSingleExpectDefault()
    {
        Assert.Equal(TimeSpan.FromSeconds(3), RemainingOrDefault);
        Within(TimeSpan.FromSeconds(1), () => Assert.True(RemainingOrDefault <= TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task WithinAsync_PassesAndEnforcesMin()
    {
        TestActor.Tell("x");
        await WithinAsync(TimeSpan.FromSeconds(2), async () => await ExpectMsgAsync("x"));
        await Assert.ThrowsAsync<XunitException>(() => WithinAsync(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), () => Task.CompletedTask));
    }
}
