using System.Globalization;

namespace ActorStream.Configuration;

/// <summary>Duration and byte-size parsing with lightbend/config unit names (case-sensitive).</summary>
internal static class ConfigUnits
{
    private static readonly Dictionary<string, decimal> s_ticksPerDurationUnit = BuildDurationUnits();
    private static readonly Dictionary<string, decimal> s_bytesPerSizeUnit = BuildSizeUnits();

    /// <summary>Parses <c>10s</c>, <c>100 ms</c>, <c>1.5 hours</c>; a bare number is milliseconds.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value, out string error)
    {
        value = default;
        if (!Split(text, out var number, out var unit, out error))
        {
            return false;
        }

        if (unit.Length == 0)
        {
            unit = "ms";
        }

        if (!s_ticksPerDurationUnit.TryGetValue(unit, out var ticksPerUnit))
        {
            error = $"unknown duration unit '{unit}' (use ns, us, ms, s, m, h, d or their long forms)";
            return false;
        }

        try
        {
            value = TimeSpan.FromTicks(decimal.ToInt64(decimal.Truncate(number * ticksPerUnit)));
            return true;
        }
        catch (OverflowException)
        {
            error = "duration is out of range";
            return false;
        }
    }

    /// <summary>Parses <c>64KiB</c>, <c>10 MB</c>, <c>1g</c>; a bare number is bytes.</summary>
    public static bool TryParseByteSize(string text, out long value, out string error)
    {
        value = 0;
        if (!Split(text, out var number, out var unit, out error))
        {
            return false;
        }

        if (unit.Length == 0)
        {
            unit = "B";
        }

        if (!s_bytesPerSizeUnit.TryGetValue(unit, out var bytesPerUnit))
        {
            error = $"unknown size unit '{unit}' (use B, K/Ki/KiB (1024), kB (1000), M/Mi/MiB, MB, G, GB, T, TB, P, PB, E, EB or long forms)";
            return false;
        }

        try
        {
            value = decimal.ToInt64(decimal.Truncate(number * bytesPerUnit));
            return true;
        }
        catch (OverflowException)
        {
            error = "size does not fit in 64 bits";
            return false;
        }
    }

    private static bool Split(string text, out decimal number, out string unit, out string error)
    {
        number = 0;
        error = "";
        var s = text.Trim();
        var unitStart = s.Length;
        while (unitStart > 0 && char.IsLetter(s[unitStart - 1]))
        {
            unitStart--;
        }

        unit = s[unitStart..];
        var numberText = s[..unitStart].Trim();
        if (numberText.Length == 0)
        {
            error = "no number in front of the unit";
            return false;
        }

        if (!decimal.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            error = $"'{numberText}' is not a number";
            return false;
        }

        return true;
    }

    private static Dictionary<string, decimal> BuildDurationUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal ticks, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = ticks;
            }
        }

        Add(0.01m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(10m, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units;
    }

    private static Dictionary<string, decimal> BuildSizeUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["B"] = 1,
            ["b"] = 1,
            ["byte"] = 1,
            ["bytes"] = 1,
        };
        (string Letter, string Si, string Binary)[] powers =
        [
            ("K", "kilo", "kibi"), ("M", "mega", "mebi"), ("G", "giga", "gibi"),
            ("T", "tera", "tebi"), ("P", "peta", "pebi"), ("E", "exa", "exbi"),
        ];
        decimal si = 1;
        decimal binary = 1;
        foreach (var (letter, siName, binaryName) in powers)
        {
            si *= 1000;
            binary *= 1024;
            var lower = letter.ToLowerInvariant();
            foreach (var name in new[] { letter, lower, letter + "i", letter + "iB", binaryName + "byte", binaryName + "bytes" })
            {
                units[name] = binary;
            }

            var siLetter = letter == "K" ? "k" : letter;
            foreach (var name in new[] { siLetter + "B", siName + "byte", siName + "bytes" })
            {
                units[name] = si;
            }
        }

        return units;
    }
}
