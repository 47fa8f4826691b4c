using System.Globalization;

namespace ActorStream.Benchmarks;

/// <summary>Minimal "--name value" option parsing with clear errors.</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public BenchOptions(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}' (options look like --name value)");
            }

            var name = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            _values[name] = value;
        }
    }

    public long Long(string name, long defaultValue)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        var multiplier = 1L;
        if (text.EndsWith('M') || text.EndsWith('m'))
        {
            multiplier = 1_000_000;
            text = text[..^1];
        }
        else if (text.EndsWith('k') || text.EndsWith('K'))
        {
            multiplier = 1_000;
            text = text[..^1];
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v * multiplier
            : throw new ArgumentException($"--{name} expects a positive number, got '{_values[name]}'");
    }

    public int Int(string name, int defaultValue) => checked((int)Long(name, defaultValue));

    /// <summary>An integer that may be zero or negative (e.g. acks=-1).</summary>
    public int SignedInt(string name, int defaultValue)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ArgumentException($"--{name} expects an integer, got '{text}'");
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public bool Flag(string name) => _values.TryGetValue(name, out var v) && v != "false";

    public string String(string name, string defaultValue) => _values.TryGetValue(name, out var v) ? v : defaultValue;
}
