using System.Globalization;

namespace ActorStream.Configuration;

/// <summary>
/// A HOCON number. Keeps the source text (so <c>1.0</c> concatenates as "1.0"); integral values that
/// fit a <see cref="long"/> are held exactly, everything else as a <see cref="double"/>.
/// </summary>
public sealed class HoconNumber : HoconValue
{
    private HoconNumber(string text, bool isIntegral, long longValue, double doubleValue)
    {
        Text = text;
        IsIntegral = isIntegral;
        LongValue = longValue;
        DoubleValue = doubleValue;
    }

    public HoconNumber(long value)
        : this(value.ToString(CultureInfo.InvariantCulture), true, value, value)
    {
    }

    public HoconNumber(double value)
        : this(value.ToString("R", CultureInfo.InvariantCulture), false, 0, value)
    {
    }

    /// <summary>The number as written in the source.</summary>
    public string Text { get; }

    /// <summary>True when the number was written without fraction or exponent and fits a long.</summary>
    public bool IsIntegral { get; }

    /// <summary>The exact value when <see cref="IsIntegral"/>; otherwise 0.</summary>
    public long LongValue { get; }

    public double DoubleValue { get; }

    public override HoconValueType Type => HoconValueType.Number;

    internal override bool IsResolved => true;

    internal override string ConcatText => Text;

    /// <summary>Parses HOCON number text (<c>-?digits(.digits)?([eE][+-]?digits)?</c>).</summary>
    public static bool TryParse(string text, out HoconNumber? number)
    {
        number = null;
        if (!LooksNumeric(text))
        {
            return false;
        }

        var integral = text.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
        if (integral && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            number = new HoconNumber(text, true, l, l);
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            number = new HoconNumber(text, false, 0, d);
            return true;
        }

        return false;
    }

    internal HoconNumber WithLocation(SourceLocation location) =>
        new(Text, IsIntegral, LongValue, DoubleValue) { Location = location };

    /// <summary>Returns the exact long value when the number is integral (also <c>42.0</c>), else null.</summary>
    internal long? AsExactLong()
    {
        if (IsIntegral)
        {
            return LongValue;
        }

        if (DoubleValue == Math.Floor(DoubleValue) && DoubleValue >= long.MinValue && DoubleValue < 9.2233720368547758E18)
        {
            return (long)DoubleValue;
        }

        return null;
    }

    public override bool Equals(HoconValue? other)
    {
        if (other is not HoconNumber n)
        {
            return false;
        }

        if (IsIntegral && n.IsIntegral)
        {
            return LongValue == n.LongValue;
        }

        return DoubleValue.Equals(n.DoubleValue);
    }

    public override int GetHashCode() => DoubleValue.GetHashCode();

    private static bool LooksNumeric(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] == '-')
        {
            i++;
        }

        var digits = CountDigits(s, ref i);
        if (digits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (CountDigits(s, ref i) == 0)
            {
                return false;
            }
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            if (CountDigits(s, ref i) == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static int CountDigits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i - start;
    }
}
