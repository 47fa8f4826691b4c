using System.Globalization;
using ActorStream.Configuration;
using ActorStream.Hosting;

namespace ActorStream.Node;

/// <summary>What `actorstream node` was asked for on the command line; turned into a config overlay.</summary>
internal sealed record NodeOptions(string? ConfigFile, string? DataDir, string? Listen, int? NodeId)
{
    /// <summary>
    /// The node's configuration: command-line values over the --config file over the node defaults
    /// over every module's reference.conf. Throws with a clear message for bad input.
    /// </summary>
    public Config BuildConfig()
    {
        var overrides = new List<string>();
        if (DataDir is not null)
        {
            overrides.Add($"actorstream.node.data-dir = {Quote(Path.GetFullPath(DataDir))}");
        }

        if (NodeId is { } id)
        {
            overrides.Add(string.Create(CultureInfo.InvariantCulture, $"actorstream.node.id = {id}"));
        }

        if (Listen is not null)
        {
            var (host, port) = ParseListen(Listen);
            overrides.Add($"actorstream.kafka.listener.host = {Quote(host)}");
            overrides.Add(string.Create(CultureInfo.InvariantCulture, $"actorstream.kafka.listener.port = {port}"));
        }

        var config = ConfigurationFactory.ParseString(string.Join('\n', overrides));
        if (ConfigFile is not null)
        {
            if (!File.Exists(ConfigFile))
            {
                throw new ArgumentException($"The config file '{ConfigFile}' does not exist");
            }

            config = config.WithFallback(ConfigurationFactory.ParseFile(ConfigFile));
        }

        return config.WithFallback(ActorStreamNodeOptions.Defaults);
    }

    public static (string Host, int Port) ParseListen(string listen)
    {
        var colon = listen.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(listen.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
        {
            throw new ArgumentException($"--listen expects HOST:PORT (e.g. 127.0.0.1:9092), got '{listen}'");
        }

        return (listen[..colon].Trim('[', ']'), port);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
