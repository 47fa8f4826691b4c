namespace ActorStream.TestKit.Tests;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void Advance_MovesWallClockAndTimestamp()
    {
        var start = new DateTimeOffset(2030, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var time = new ManualTimeProvider(start);
        var before = time.GetTimestamp();
        time.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(start.AddSeconds(90), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), time.GetElapsedTime(before));
    }

    [Fact]
    public void Clock_DoesNotMoveByItself()
    {
        var time = new ManualTimeProvider();
        var now = time.GetUtcNow();
        var stamp = time.GetTimestamp();
        Assert.Equal(now, time.GetUtcNow());
        Assert.Equal(stamp, time.GetTimestamp());
    }

    [Fact]
    public void Advance_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManualTimeProvider().Advance(TimeSpan.FromTicks(-1)));
    }
}
