namespace ActorStream.Client;

/// <summary>Where a consumer starts in a partition without a committed offset, or after its position fell out of the log (<c>auto.offset.reset</c>).</summary>
public enum AutoOffsetReset
{
    /// <summary>At the log end: only records produced from now on (<c>latest</c>, the default).</summary>
    Latest = 0,

    /// <summary>At the log start (<c>earliest</c>).</summary>
    Earliest = 1,

    /// <summary>Nowhere: <c>Consume</c> throws a <see cref="ConsumeException"/> until the application seeks (<c>none</c>).</summary>
    Error = 2,
}
