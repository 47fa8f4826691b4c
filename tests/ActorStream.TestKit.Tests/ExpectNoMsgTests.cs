using System.Diagnostics;
using ActorStream.Actor;
using Xunit.Sdk;

namespace ActorStream.TestKit.Tests;

public sealed class ExpectNoMsgTests : Xunit2.TestKit
{
    [Fact]
    public void ExpectNoMsg_NothingArrives_PassesAfterTheDuration()
    {
        var stopwatch = Stopwatch.StartNew();
        ExpectNoMsg(TimeSpan.FromMilliseconds(120));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(110), $"returned after {stopwatch.Elapsed}");
    }

    [Fact]
    public void ExpectNoMsg_Default_WaitsConfiguredDefault()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), TestKitSettings.ExpectNoMessageDefault);
        var stopwatch = Stopwatch.StartNew();
        ExpectNoMsg();
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(90), $"returned after {stopwatch.Elapsed}");
    }

    [Fact]
    public void ExpectNoMsg_MessageArrives_FailsNamingIt()
    {
        TestActor.Tell("unexpected-thing");
        var ex = Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(2)));
        Assert.Contains("unexpected-thing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectNoMsg_MessageArrivesLate_Fails()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(50), TestActor, "late", ActorRefs.NoSender);
        Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ExpectNoMsgAsync_PassesAndFails()
    {
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        TestActor.Tell(1);
        await Assert.ThrowsAsync<XunitException>(() => ExpectNoMsgAsync(TimeSpan.FromSeconds(2)));
    }
}
