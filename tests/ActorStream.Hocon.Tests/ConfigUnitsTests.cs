using ActorStream.Configuration;
using static ActorStream.Hocon.Tests.Hocon;

namespace ActorStream.Hocon.Tests;

/// <summary>Durations and byte sizes, table-driven.</summary>
public sealed class ConfigUnitsTests
{
    public static TheoryData<string, long> Durations() => new()
    {
        { "100", 100 * TimeSpan.TicksPerMillisecond },
        { "\"100\"", 100 * TimeSpan.TicksPerMillisecond },
        { "1.5", 15_000 },
        { "5s", 5 * TimeSpan.TicksPerSecond },
        { "5 s", 5 * TimeSpan.TicksPerSecond },
        { "100ms", 100 * TimeSpan.TicksPerMillisecond },
        { "100 millis", 100 * TimeSpan.TicksPerMillisecond },
        { "100 milliseconds", 100 * TimeSpan.TicksPerMillisecond },
        { "1 millisecond", TimeSpan.TicksPerMillisecond },
        { "250us", 2_500 },
        { "250 micros", 2_500 },
        { "3 microseconds", 30 },
        { "500ns", 5 },
        { "500 nanos", 5 },
        { "1000 nanoseconds", 10 },
        { "1 second", TimeSpan.TicksPerSecond },
        { "30 seconds", 30 * TimeSpan.TicksPerSecond },
        { "2m", 2 * TimeSpan.TicksPerMinute },
        { "1 minute", TimeSpan.TicksPerMinute },
        { "10 minutes", 10 * TimeSpan.TicksPerMinute },
        { "1h", TimeSpan.TicksPerHour },
        { "2 hours", 2 * TimeSpan.TicksPerHour },
        { "1d", TimeSpan.TicksPerDay },
        { "7 days", 7 * TimeSpan.TicksPerDay },
        { "1.5s", 15_000_000 },
        { "0.5 hours", TimeSpan.TicksPerHour / 2 },
        { "-1s", -TimeSpan.TicksPerSecond },
        { "0s", 0 },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void GetTimeSpan_Units(string text, long ticks) => Assert.Equal(TimeSpan.FromTicks(ticks), Parse("a = " + text).GetTimeSpan("a"));

    [Fact]
    public void GetTimeSpan_Infinite_WhenAllowed()
    {
        var c = Parse("a = infinite");
        Assert.Equal(Timeout.InfiniteTimeSpan, c.GetTimeSpan("a"));
        Assert.Contains("infinite", Assert.Throws<ConfigException>(() => c.GetTimeSpan("a", allowInfinite: false)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5 parsecs")]
    [InlineData("fast")]
    [InlineData("s")]
    [InlineData("5S")]
    [InlineData("[1s]")]
    public void GetTimeSpan_Invalid_Throws(string text) =>
        Assert.Contains("'a'", Assert.Throws<ConfigException>(() => Parse("a = " + text).GetTimeSpan("a")).Message, StringComparison.Ordinal);

    public static TheoryData<string, long> Sizes() => new()
    {
        { "0", 0 },
        { "123", 123 },
        { "\"123\"", 123 },
        { "10B", 10 },
        { "10b", 10 },
        { "10 bytes", 10 },
        { "1 byte", 1 },
        { "1K", 1024 },
        { "1k", 1024 },
        { "1Ki", 1024 },
        { "64KiB", 64 * 1024 },
        { "2 kibibytes", 2048 },
        { "1kB", 1000 },
        { "3 kilobytes", 3000 },
        { "1M", 1 << 20 },
        { "1m", 1 << 20 },
        { "1MiB", 1 << 20 },
        { "1MB", 1_000_000 },
        { "2 megabytes", 2_000_000 },
        { "1 mebibyte", 1 << 20 },
        { "1g", 1L << 30 },
        { "1G", 1L << 30 },
        { "1GiB", 1L << 30 },
        { "1GB", 1_000_000_000 },
        { "1 gibibyte", 1L << 30 },
        { "1 gigabytes", 1_000_000_000 },
        { "1T", 1L << 40 },
        { "1TB", 1_000_000_000_000 },
        { "1 tebibytes", 1L << 40 },
        { "1P", 1L << 50 },
        { "1PB", 1_000_000_000_000_000 },
        { "1 pebibyte", 1L << 50 },
        { "1E", 1L << 60 },
        { "1EB", 1_000_000_000_000_000_000 },
        { "1 exbibyte", 1L << 60 },
        { "1.5K", 1536 },
        { "0.5 MiB", 1 << 19 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void GetByteSize_Units(string text, long bytes) => Assert.Equal(bytes, Parse("a = " + text).GetByteSize("a"));

    [Theory]
    [InlineData("1 KB")]
    [InlineData("10 lots")]
    [InlineData("16E")]
    [InlineData("big")]
    [InlineData("1.5")]
    public void GetByteSize_Invalid_Throws(string text) => Assert.Throws<ConfigException>(() => Parse("a = " + text).GetByteSize("a"));
}
