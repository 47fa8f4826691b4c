using System.Globalization;

namespace ActorStream.Client.Configuration;

/// <summary>
/// The definition of one configuration property: its Kafka name, type, default and valid range.
/// Immutable and thread-safe.
/// </summary>
/// <param name="Name">The Kafka property name (e.g. linger.ms).</param>
/// <param name="Type">The value type.</param>
/// <param name="Default">The default value as a string, or null if the property has none (required or optional).</param>
/// <param name="Min">Smallest allowed number (Int and Long).</param>
/// <param name="Max">Largest allowed number (Int and Long).</param>
/// <param name="Values">Allowed values, case-insensitive (Enum).</param>
internal sealed record ConfigKey(string Name, ConfigType Type, string? Default, long Min = long.MinValue, long Max = long.MaxValue, string[]? Values = null)
{
    public static ConfigKey Int(string name, int defaultValue, int min = 0, int max = int.MaxValue) =>
        new(name, ConfigType.Int, defaultValue.ToString(CultureInfo.InvariantCulture), min, max);

    public static ConfigKey Long(string name, long defaultValue, long min = 0, long max = long.MaxValue) =>
        new(name, ConfigType.Long, defaultValue.ToString(CultureInfo.InvariantCulture), min, max);

    public static ConfigKey Bool(string name, bool defaultValue) =>
        new(name, ConfigType.Boolean, defaultValue ? "true" : "false");

    public static ConfigKey Str(string name, string? defaultValue) => new(name, ConfigType.String, defaultValue);

    public static ConfigKey List(string name) => new(name, ConfigType.List, null);

    public static ConfigKey Enum(string name, string defaultValue, params string[] values) =>
        new(name, ConfigType.Enum, defaultValue, Values: values);

    /// <summary>Checks <paramref name="value"/>; returns an explanation when it is invalid.</summary>
    public string? Validate(string value)
    {
        switch (Type)
        {
            case ConfigType.Int:
            case ConfigType.Long:
                if (!long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    return $"expected an integer in {Min}..{Max}";
                }

                return number < Min || number > Max ? $"expected an integer in {Min}..{Max}" : null;
            case ConfigType.Boolean:
                return bool.TryParse(value.Trim(), out _) ? null : "expected true or false";
            case ConfigType.Enum:
                foreach (var allowed in Values!)
                {
                    if (string.Equals(allowed, value.Trim(), StringComparison.OrdinalIgnoreCase))
                    {
                        return null;
                    }
                }

                return "expected one of " + string.Join(", ", Values);
            default:
                return null;
        }
    }
}
