using ActorStream.Configuration;

namespace ActorStream.TestKit;

/// <summary>The <c>actorstream.test</c> settings; every default wait is multiplied by <see cref="TestTimeFactor"/>.</summary>
public sealed class TestKitSettings
{
    public TestKitSettings(Config config)
    {
        TestTimeFactor = config.GetDouble("actorstream.test.timefactor", 1.0);
        if (TestTimeFactor <= 0)
        {
            throw new ArgumentException($"actorstream.test.timefactor must be positive, got {TestTimeFactor}", nameof(config));
        }

        SingleExpectDefault = config.GetTimeSpan("actorstream.test.single-expect-default", TimeSpan.FromSeconds(3), allowInfinite: false);
        DefaultTimeout = config.GetTimeSpan("actorstream.test.default-timeout", TimeSpan.FromSeconds(5), allowInfinite: false);
        FilterLeeway = config.GetTimeSpan("actorstream.test.filter-leeway", TimeSpan.FromSeconds(3), allowInfinite: false);
        ExpectNoMessageDefault = config.GetTimeSpan("actorstream.test.expect-no-message-default", TimeSpan.FromMilliseconds(100), allowInfinite: false);
    }

    public double TestTimeFactor { get; }

    public TimeSpan SingleExpectDefault { get; }

    public TimeSpan DefaultTimeout { get; }

    public TimeSpan FilterLeeway { get; }

    public TimeSpan ExpectNoMessageDefault { get; }
}
