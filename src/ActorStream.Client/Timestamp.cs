namespace ActorStream.Client;

/// <summary>A record timestamp: milliseconds since the Unix epoch and its <see cref="TimestampType"/>. Immutable.</summary>
/// <param name="UnixTimestampMs">Milliseconds since 1970-01-01T00:00:00Z.</param>
/// <param name="Type">What the timestamp means.</param>
public readonly record struct Timestamp(long UnixTimestampMs, TimestampType Type)
{
    /// <summary>No timestamp: the producer uses its clock at send time.</summary>
    public static Timestamp Default { get; } = new(0, TimestampType.NotAvailable);

    /// <summary>A create-time timestamp at <paramref name="dateTime"/>.</summary>
    /// <param name="dateTime">The instant.</param>
    public Timestamp(DateTimeOffset dateTime)
        : this(dateTime.ToUnixTimeMilliseconds(), TimestampType.CreateTime)
    {
    }

    /// <summary>The timestamp as a UTC <see cref="DateTime"/>.</summary>
    public DateTime UtcDateTime => DateTimeOffset.FromUnixTimeMilliseconds(UnixTimestampMs).UtcDateTime;
}
