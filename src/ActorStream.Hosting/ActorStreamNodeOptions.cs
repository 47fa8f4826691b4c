using System.Globalization;
using ActorStream.Configuration;

namespace ActorStream.Hosting;

/// <summary>
/// How to run an embedded <see cref="ActorStreamNode"/>. Layers, highest first: the typed properties
/// (<see cref="NodeId"/>, <see cref="DataDirectory"/>, <see cref="KafkaListenerAddress"/>), the HOCON
/// text of <see cref="Hocon"/>, <see cref="Config"/>, the file <see cref="ConfigFile"/>, the node
/// defaults (the same as <c>actorstream node</c>'s: partition logs and group offsets in SQLite files
/// under the data directory) and every module's reference.conf. Not thread-safe; read once, when the
/// node is created.
/// </summary>
public sealed class ActorStreamNodeOptions
{
    /// <summary>The node id Kafka clients see (<c>actorstream.node.id</c>; default 0).</summary>
    public int? NodeId { get; set; }

    /// <summary>Where the node keeps its data (<c>actorstream.node.data-dir</c>; default "data" under the working directory).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Whether the node also runs its Kafka TCP listener, so that clients in other processes can
    /// connect (default false: only in-process clients reach it).
    /// </summary>
    public bool EnableKafkaListener { get; set; }

    /// <summary>
    /// The listener's HOST:PORT (<c>actorstream.kafka.listener.host</c> and <c>.port</c>; default
    /// 127.0.0.1:9092); port 0 picks a free port. Used only with <see cref="EnableKafkaListener"/>.
    /// </summary>
    public string? KafkaListenerAddress { get; set; }

    /// <summary>HOCON text over <see cref="Config"/> and <see cref="ConfigFile"/> (any <c>actorstream.*</c> setting).</summary>
    public string? Hocon { get; set; }

    /// <summary>A parsed configuration over <see cref="ConfigFile"/>.</summary>
    public Config? Config { get; set; }

    /// <summary>A HOCON file under everything else but the defaults.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The node defaults (a node's own settings: SQLite storage under the data directory, the listener on 127.0.0.1:9092).</summary>
    public static Config Defaults { get; } = ConfigurationFactory.FromResource(typeof(ActorStreamNodeOptions).Assembly, "ActorStream.Hosting.node.conf");

    /// <summary>The configuration the node runs with. Throws <see cref="ArgumentException"/> for bad input.</summary>
    public Config BuildConfig()
    {
        var overrides = new List<string>();
        if (DataDirectory is not null)
        {
            overrides.Add($"actorstream.node.data-dir = {Quote(Path.GetFullPath(DataDirectory))}");
        }

        if (NodeId is { } id)
        {
            overrides.Add(string.Create(CultureInfo.InvariantCulture, $"actorstream.node.id = {id}"));
        }

        if (KafkaListenerAddress is not null)
        {
            var (host, port) = ParseAddress(KafkaListenerAddress);
            overrides.Add($"actorstream.kafka.listener.host = {Quote(host)}");
            overrides.Add(string.Create(CultureInfo.InvariantCulture, $"actorstream.kafka.listener.port = {port}"));
        }

        var config = ConfigurationFactory.ParseString(string.Join('\n', overrides));
        if (Hocon is not null)
        {
            config = config.WithFallback(ConfigurationFactory.ParseString(Hocon));
        }

        if (Config is not null)
        {
            config = config.WithFallback(Config);
        }

        if (ConfigFile is not null)
        {
            if (!File.Exists(ConfigFile))
            {
                throw new ArgumentException($"The config file '{ConfigFile}' does not exist");
            }

            config = config.WithFallback(ConfigurationFactory.ParseFile(ConfigFile));
        }

        return config.WithFallback(Defaults);
    }

    /// <summary>Splits HOST:PORT (IPv6 hosts in brackets); throws <see cref="ArgumentException"/> when malformed.</summary>
    /// <param name="address">The address.</param>
    public static (string Host, int Port) ParseAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 0 or > 65535)
        {
            throw new ArgumentException($"Expected HOST:PORT (e.g. 127.0.0.1:9092), got '{address}'");
        }

        return (address[..colon].Trim('[', ']'), port);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
