namespace ActorStream.Configuration;

/// <summary>
/// A value concatenation that still holds a substitution (<c>${a}":suffix"</c>, <c>${list} [x]</c>).
/// Whitespace between parts is kept as <see cref="HoconString.IsConcatWhitespace"/> pieces; it counts
/// only when the result is a string.
/// </summary>
internal sealed class HoconConcatenation : HoconValue
{
    public HoconConcatenation(IReadOnlyList<HoconValue> pieces) => Pieces = pieces;

    public IReadOnlyList<HoconValue> Pieces { get; }

    public override HoconValueType Type => HoconValueType.Unresolved;

    internal override bool IsResolved => false;

    /// <summary>
    /// Builds the value for parsed pieces: the piece itself when alone, the joined value when every piece
    /// is resolved, otherwise a concatenation to resolve later.
    /// </summary>
    public static HoconValue Create(List<HoconValue> pieces, SourceLocation location)
    {
        if (pieces.Count == 1)
        {
            return pieces[0];
        }

        foreach (var piece in pieces)
        {
            if (!piece.IsResolved)
            {
                return new HoconConcatenation(pieces) { Location = location };
            }
        }

        return Join(pieces, location) ?? new HoconString("") { Location = location };
    }

    /// <summary>
    /// Joins resolved pieces; null entries are undefined optional substitutions and are skipped. Returns
    /// null when nothing is left. Strings (and numbers, booleans, null) join as text; arrays append;
    /// objects merge with later pieces winning. Mixing kinds is a <see cref="ConfigException"/>.
    /// </summary>
    public static HoconValue? Join(IReadOnlyList<HoconValue?> pieces, SourceLocation location)
    {
        var hasArray = false;
        var hasObject = false;
        var hasText = false;
        var count = 0;
        HoconValue? single = null;
        foreach (var piece in pieces)
        {
            if (piece is null)
            {
                continue;
            }

            count++;
            single = piece;
            switch (piece.Type)
            {
                case HoconValueType.Array:
                    hasArray = true;
                    break;
                case HoconValueType.Object:
                    hasObject = true;
                    break;
                default:
                    if (piece is not HoconString { IsConcatWhitespace: true })
                    {
                        hasText = true;
                    }

                    break;
            }
        }

        if (count == 0)
        {
            return null;
        }

        if (count == 1 && single is not HoconString { IsConcatWhitespace: true })
        {
            return single;
        }

        if (hasArray || hasObject)
        {
            if (hasText || (hasArray && hasObject))
            {
                throw new ConfigException(
                    $"{location}: cannot concatenate {Describe(hasArray, hasObject, hasText)}; " +
                    "a concatenation must be all strings, all arrays or all objects");
            }

            return hasArray ? JoinArrays(pieces, location) : JoinObjects(pieces, location);
        }

        var sb = new System.Text.StringBuilder();
        foreach (var piece in pieces)
        {
            sb.Append(piece?.ConcatText);
        }

        return new HoconString(sb.ToString()) { Location = location };
    }

    private static string Describe(bool hasArray, bool hasObject, bool hasText)
    {
        var kinds = new List<string>(3);
        if (hasArray)
        {
            kinds.Add("an array");
        }

        if (hasObject)
        {
            kinds.Add("an object");
        }

        if (hasText)
        {
            kinds.Add("a string");
        }

        return string.Join(" with ", kinds);
    }

    private static HoconArray JoinArrays(IReadOnlyList<HoconValue?> pieces, SourceLocation location)
    {
        var items = new List<HoconValue>();
        foreach (var piece in pieces)
        {
            if (piece is HoconArray array)
            {
                items.AddRange(array.Items);
            }
        }

        return new HoconArray(items) { Location = location };
    }

    private static HoconValue JoinObjects(IReadOnlyList<HoconValue?> pieces, SourceLocation location)
    {
        HoconValue? result = null;
        foreach (var piece in pieces)
        {
            if (piece is HoconObject obj)
            {
                result = result is null ? obj : HoconMerge.Merge(obj, result, inPlace: false);
            }
        }

        return result ?? new HoconObject { Location = location };
    }

    public override bool Equals(HoconValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
