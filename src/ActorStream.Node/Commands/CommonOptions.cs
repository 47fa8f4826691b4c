using System.CommandLine;
using System.Globalization;

namespace ActorStream.Node.Commands;

/// <summary>Options shared by the commands that talk to a running node.</summary>
internal static class CommonOptions
{
    /// <summary>The environment variable that overrides the default bootstrap servers.</summary>
    public const string BootstrapVariable = "ACTORSTREAM_BOOTSTRAP";

    /// <summary>The bootstrap servers when neither the option nor the environment variable names any.</summary>
    public const string DefaultBootstrap = "127.0.0.1:9092";

    /// <summary>Creates the <c>--bootstrap</c> option (one instance per command tree; it is recursive).</summary>
    public static Option<string> CreateBootstrap() => new("--bootstrap", "-b")
    {
        Description = $"Bootstrap servers HOST:PORT[,HOST:PORT...] (default: ${BootstrapVariable}, else {DefaultBootstrap})",
        Recursive = true,
        DefaultValueFactory = _ =>
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(BootstrapVariable);
            return string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultBootstrap : fromEnvironment.Trim();
        },
    };

    /// <summary>Parses repeated <c>k=v</c> values into pairs, in order.</summary>
    /// <param name="values">The raw values.</param>
    /// <param name="what">What they are, for the error message.</param>
    public static List<KeyValuePair<string, string>> ParsePairs(IEnumerable<string>? values, string what)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (values is null)
        {
            return pairs;
        }

        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"{what} '{value}' is not of the form key=value");
            }

            pairs.Add(new KeyValuePair<string, string>(value[..equals], value[(equals + 1)..]));
        }

        return pairs;
    }

    /// <summary>Formats an integer for output.</summary>
    /// <param name="value">The value.</param>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
