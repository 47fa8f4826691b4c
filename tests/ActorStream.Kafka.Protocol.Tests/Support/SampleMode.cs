namespace ActorStream.Kafka.Protocol.Tests.Support;

/// <summary>How <see cref="SampleValues"/> fills a message.</summary>
public enum SampleMode
{
    /// <summary>Nullable fields null, arrays with one element, ASCII strings.</summary>
    Nulls,

    /// <summary>Nullable fields empty (not null), arrays empty, strings empty.</summary>
    Empties,

    /// <summary>Arrays with two elements, non-ASCII strings, extreme numbers.</summary>
    Full,
}
