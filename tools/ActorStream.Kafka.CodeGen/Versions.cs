using System.Globalization;

namespace ActorStream.Kafka.CodeGen;

/// <summary>An inclusive version range as the schemas write it ("0+", "3-7", "5", "none").</summary>
internal readonly record struct Versions(short Lowest, short Highest)
{
    public static readonly Versions None = new(1, 0);

    public static readonly Versions All = new(0, short.MaxValue);

    public bool IsEmpty => Lowest > Highest;

    public bool IsOpenEnded => Highest == short.MaxValue;

    public static Versions Parse(string? text, Versions fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        text = text.Trim();
        if (text == "none")
        {
            return None;
        }

        if (text.EndsWith('+'))
        {
            return new Versions(short.Parse(text[..^1], CultureInfo.InvariantCulture), short.MaxValue);
        }

        int dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0)
        {
            return new Versions(
                short.Parse(text[..dash], CultureInfo.InvariantCulture),
                short.Parse(text[(dash + 1)..], CultureInfo.InvariantCulture));
        }

        short single = short.Parse(text, CultureInfo.InvariantCulture);
        return new Versions(single, single);
    }

    public Versions Intersect(Versions other) =>
        IsEmpty || other.IsEmpty
            ? None
            : new Versions(Math.Max(Lowest, other.Lowest), Math.Min(Highest, other.Highest));

    public bool Contains(Versions other) =>
        other.IsEmpty || (!IsEmpty && Lowest <= other.Lowest && other.Highest <= Highest);

    /// <summary>
    /// A C# boolean expression over <c>version</c> that is true inside this range, simplified for
    /// a caller that only ever sees versions in <paramref name="context"/>.
    /// </summary>
    public string Condition(Versions context)
    {
        var effective = Intersect(context);
        if (effective.IsEmpty)
        {
            return "false";
        }

        if (effective == context)
        {
            return "true";
        }

        var parts = new List<string>();
        if (effective.Lowest > context.Lowest)
        {
            parts.Add($"version >= {effective.Lowest}");
        }

        if (effective.Highest < context.Highest)
        {
            parts.Add($"version <= {effective.Highest}");
        }

        return string.Join(" && ", parts);
    }

    public override string ToString() =>
        IsEmpty ? "none" : IsOpenEnded ? $"{Lowest}+" : Lowest == Highest ? $"{Lowest}" : $"{Lowest}-{Highest}";
}
