namespace ActorStream.Configuration;

/// <summary>
/// A node of a HOCON tree. Resolved trees contain only <see cref="HoconObject"/>, <see cref="HoconArray"/>,
/// <see cref="HoconString"/>, <see cref="HoconNumber"/>, <see cref="HoconBoolean"/> and <see cref="HoconNull"/>.
/// Equality is structural: object key order does not matter and numbers compare by numeric value.
/// Values are immutable once parsing has finished and are safe to share between threads.
/// </summary>
public abstract class HoconValue : IEquatable<HoconValue>
{
    private protected HoconValue()
    {
    }

    /// <summary>The kind of this value.</summary>
    public abstract HoconValueType Type { get; }

    /// <summary>Where the value was defined; default when synthesized.</summary>
    internal SourceLocation Location { get; init; }

    /// <summary>True when the value (and everything below it) holds no substitution.</summary>
    internal abstract bool IsResolved { get; }

    /// <summary>
    /// True when merging this value over another can never look at the other one: a resolved non-object.
    /// Unresolved values still need what lies below them for self-references (lightbend semantics).
    /// </summary>
    internal bool IgnoresFallbacks => Type != HoconValueType.Object && IsResolved;

    /// <summary>The text this value contributes to a string concatenation, or null for objects and arrays.</summary>
    internal virtual string? ConcatText => null;

    public abstract bool Equals(HoconValue? other);

    public sealed override bool Equals(object? obj) => obj is HoconValue other && Equals(other);

    public abstract override int GetHashCode();

    /// <summary>Renders the value as HOCON (JSON-compatible when resolved).</summary>
    public override string ToString() => HoconRenderer.Render(this);
}
