using System.Diagnostics;
using ActorStream.Configuration;
using Xunit.Sdk;

namespace ActorStream.TestKit.Tests;

/// <summary>actorstream.test.timefactor dilates every TestKit wait.</summary>
public sealed class TimeFactorTests : Xunit2.TestKit
{
    public TimeFactorTests()
        : base("actorstream.test.timefactor = 2")
    {
    }

    [Fact]
    public void Dilated_MultipliesByTimeFactor()
    {
        Assert.Equal(2.0, TestKitSettings.TestTimeFactor);
        Assert.Equal(TimeSpan.FromSeconds(2), Dilated(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(300), Dilated(TimeSpan.FromMilliseconds(150)));
        Assert.Equal(Timeout.InfiniteTimeSpan, Dilated(Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void RemainingOrDefault_IsDilatedSingleExpectDefault()
    {
        Assert.Equal(TimeSpan.FromSeconds(6), RemainingOrDefault);
    }

    [Fact]
    public void ExpectNoMsg_WaitsDilatedDuration()
    {
        var stopwatch = Stopwatch.StartNew();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(190), $"waited only {stopwatch.Elapsed}");
    }

    [Fact]
    public void ExpectMsg_TimeoutMessage_ShowsDilatedWait()
    {
        var ex = Assert.Throws<XunitException>(() => ExpectMsg<int>(TimeSpan.FromMilliseconds(50)));
        Assert.Contains("00:00:00.1000000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_MaxIsDilated()
    {
        Within(TimeSpan.FromMilliseconds(100), () => Assert.True(Remaining > TimeSpan.FromMilliseconds(100), $"remaining {Remaining}"));
    }

    [Fact]
    public void Settings_NonPositiveTimeFactor_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TestKitSettings(ConfigurationFactory.ParseString("actorstream.test.timefactor = 0")));
    }

    [Fact]
    public void Settings_Defaults_FromTestkitConf()
    {
        var settings = new TestKitSettings(DefaultConfig);
        Assert.Equal(1.0, settings.TestTimeFactor);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.SingleExpectDefault);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.DefaultTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.FilterLeeway);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.ExpectNoMessageDefault);
    }
}
