namespace ActorStream.Configuration;

/// <summary>A HOCON string (quoted, unquoted or triple-quoted in the source).</summary>
public sealed class HoconString : HoconValue
{
    public HoconString(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    public string Value { get; }

    public override HoconValueType Type => HoconValueType.String;

    /// <summary>True for the whitespace kept between the parts of a value concatenation.</summary>
    internal bool IsConcatWhitespace { get; init; }

    internal override bool IsResolved => true;

    internal override string ConcatText => Value;

    public override bool Equals(HoconValue? other) => other is HoconString s && string.Equals(s.Value, Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}
