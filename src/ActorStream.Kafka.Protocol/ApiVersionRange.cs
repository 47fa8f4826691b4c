namespace ActorStream.Kafka.Protocol;

/// <summary>A supported version range of one API and its first flexible version (-1 = never flexible).</summary>
/// <param name="ApiKey">The API.</param>
/// <param name="MinVersion">Lowest supported version, inclusive.</param>
/// <param name="MaxVersion">Highest supported version, inclusive.</param>
/// <param name="FirstFlexibleVersion">First version using compact encodings and tagged fields, or -1.</param>
public readonly record struct ApiVersionRange(ApiKey ApiKey, short MinVersion, short MaxVersion, short FirstFlexibleVersion)
{
    /// <summary>True if <paramref name="version"/> lies in [MinVersion, MaxVersion].</summary>
    public bool Contains(short version) => version >= MinVersion && version <= MaxVersion;

    /// <summary>True if <paramref name="version"/> is a flexible version of this API.</summary>
    public bool IsFlexible(short version) => FirstFlexibleVersion >= 0 && version >= FirstFlexibleVersion;
}
