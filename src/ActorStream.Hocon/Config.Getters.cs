using System.Globalization;

namespace ActorStream.Configuration;

/// <summary>Typed getters. A missing path (or <c>null</c>) returns the default; a wrong type throws.</summary>
public sealed partial class Config
{
    public string? GetString(string path, string? @default = null)
    {
        if (!TryGetScalar(path, out var value))
        {
            return @default;
        }

        return value.ConcatText ?? throw WrongType(path, value, "a string");
    }

    public int GetInt(string path, int @default = 0)
    {
        if (!TryGetScalar(path, out var value))
        {
            return @default;
        }

        var l = ToLong(path, value, "a 32-bit integer");
        return l is >= int.MinValue and <= int.MaxValue ? (int)l : throw WrongType(path, value, "a 32-bit integer (out of range)");
    }

    public long GetLong(string path, long @default = 0) =>
        TryGetScalar(path, out var value) ? ToLong(path, value, "a 64-bit integer") : @default;

    public double GetDouble(string path, double @default = 0) =>
        TryGetScalar(path, out var value) ? ToDouble(path, value) : @default;

    /// <summary>Booleans; strings <c>true/false/yes/no/on/off</c> (any case) are accepted too.</summary>
    public bool GetBoolean(string path, bool @default = false) =>
        TryGetScalar(path, out var value) ? ToBoolean(path, value) : @default;

    /// <summary>
    /// Durations such as <c>5s</c>, <c>100ms</c>, <c>1 minute</c>; a bare number is milliseconds;
    /// <c>infinite</c> gives <see cref="Timeout.InfiniteTimeSpan"/> when <paramref name="allowInfinite"/>.
    /// A missing path gives <paramref name="default"/> or <see cref="TimeSpan.Zero"/>.
    /// </summary>
    public TimeSpan GetTimeSpan(string path, TimeSpan? @default = null, bool allowInfinite = true) =>
        TryGetScalar(path, out var value) ? ToTimeSpan(path, value, allowInfinite) : @default.GetValueOrDefault();

    /// <summary>Sizes such as <c>64KiB</c> (1024-based), <c>10kB</c> (1000-based), <c>1g</c>; a bare number is bytes.</summary>
    public long? GetByteSize(string path, long? @default = null) =>
        TryGetScalar(path, out var value) ? ToByteSize(path, value) : @default;

    public IList<string> GetStringList(string path, IList<string>? @default = null) =>
        GetList(path, @default, static (p, v) => v.ConcatText ?? throw WrongType(p, v, "a list of strings"));

    public IList<int> GetIntList(string path, IList<int>? @default = null) =>
        GetList(path, @default, static (p, v) =>
        {
            var l = ToLong(p, v, "a list of 32-bit integers");
            return l is >= int.MinValue and <= int.MaxValue ? (int)l : throw WrongType(p, v, "a list of 32-bit integers (out of range)");
        });

    public IList<long> GetLongList(string path, IList<long>? @default = null) =>
        GetList(path, @default, static (p, v) => ToLong(p, v, "a list of 64-bit integers"));

    public IList<double> GetDoubleList(string path, IList<double>? @default = null) =>
        GetList(path, @default, ToDouble);

    public IList<bool> GetBooleanList(string path, IList<bool>? @default = null) =>
        GetList(path, @default, ToBoolean);

    public IList<TimeSpan> GetTimeSpanList(string path, IList<TimeSpan>? @default = null) =>
        GetList(path, @default, static (p, v) => ToTimeSpan(p, v, allowInfinite: true));

    public IList<long> GetByteSizeList(string path, IList<long>? @default = null) =>
        GetList(path, @default, ToByteSize);

    /// <summary>A list of objects as configs (for example a list of listener definitions).</summary>
    public IList<Config> GetConfigList(string path, IList<Config>? @default = null) =>
        GetList(path, @default, static (p, v) => v is HoconObject o ? new Config(o, resolved: true) : throw WrongType(p, v, "a list of objects"));

    private bool TryGetScalar(string path, out HoconValue value)
    {
        if (!TryGetNode(path, out var node) || node.Type == HoconValueType.Null)
        {
            value = HoconNull.Instance;
            return false;
        }

        value = node;
        return true;
    }

    private IList<T> GetList<T>(string path, IList<T>? @default, Func<string, HoconValue, T> convert)
    {
        if (!TryGetScalar(path, out var value))
        {
            return @default ?? [];
        }

        if (value is not HoconArray array)
        {
            throw WrongType(path, value, "a list");
        }

        var result = new List<T>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            result.Add(convert(path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", array[i]));
        }

        return result;
    }

    private static long ToLong(string path, HoconValue value, string expected)
    {
        var number = value switch
        {
            HoconNumber n => n,
            HoconString s when HoconNumber.TryParse(s.Value.Trim(), out var parsed) => parsed,
            _ => null,
        };

        return number?.AsExactLong() ?? throw WrongType(path, value, expected);
    }

    private static double ToDouble(string path, HoconValue value) => value switch
    {
        HoconNumber n => n.DoubleValue,
        HoconString s when HoconNumber.TryParse(s.Value.Trim(), out var parsed) => parsed!.DoubleValue,
        _ => throw WrongType(path, value, "a number"),
    };

    private static bool ToBoolean(string path, HoconValue value)
    {
        if (value is HoconBoolean b)
        {
            return b.Value;
        }

        if (value is HoconString s)
        {
            switch (s.Value.ToLowerInvariant())
            {
                case "true" or "yes" or "on":
                    return true;
                case "false" or "no" or "off":
                    return false;
            }
        }

        throw WrongType(path, value, "a boolean (true/false/yes/no/on/off)");
    }

    private static TimeSpan ToTimeSpan(string path, HoconValue value, bool allowInfinite)
    {
        switch (value)
        {
            case HoconNumber n:
                var ms = n.AsExactLong();
                try
                {
                    return ms is { } exact ? TimeSpan.FromTicks(checked(exact * TimeSpan.TicksPerMillisecond)) : TimeSpan.FromMilliseconds(n.DoubleValue);
                }
                catch (OverflowException)
                {
                    throw WrongType(path, value, "a duration in range");
                }

            case HoconString s:
                if (s.Value.Trim() is "infinite" or "Infinite")
                {
                    return allowInfinite ? Timeout.InfiniteTimeSpan : throw WrongType(path, value, "a finite duration ('infinite' is not allowed here)");
                }

                if (ConfigUnits.TryParseDuration(s.Value, out var duration, out var error))
                {
                    return duration;
                }

                throw WrongType(path, value, $"a duration such as 10s or 100 ms ({error})");
            default:
                throw WrongType(path, value, "a duration such as 10s or 100 ms");
        }
    }

    private static long ToByteSize(string path, HoconValue value)
    {
        switch (value)
        {
            case HoconNumber n:
                return n.AsExactLong() ?? throw WrongType(path, value, "a whole number of bytes");
            case HoconString s:
                if (ConfigUnits.TryParseByteSize(s.Value, out var size, out var error))
                {
                    return size;
                }

                throw WrongType(path, value, $"a size such as 64KiB or 10MB ({error})");
            default:
                throw WrongType(path, value, "a size such as 64KiB or 10MB");
        }
    }
}
