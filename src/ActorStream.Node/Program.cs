using System.CommandLine;
using ActorStream.Configuration;
using ActorStream.Node;
using Microsoft.Extensions.Logging;

var root = new RootCommand("ActorStream: a streaming platform with Apache Kafka's semantics, built as an actor system.");

var configOption = new Option<string?>("--config") { Description = "HOCON file with node settings (merged over the defaults)" };
var dataDirOption = new Option<string?>("--data-dir") { Description = "Directory for journals and snapshots (default: ./data)" };
var listenOption = new Option<string?>("--listen") { Description = "Kafka listener address HOST:PORT (default: 127.0.0.1:9092)" };
var nodeIdOption = new Option<int?>("--node-id") { Description = "This node's broker id (default: 0)" };

var node = new Command("node", "Run a node with its Kafka listener until SIGTERM or Ctrl-C.");
node.Options.Add(configOption);
node.Options.Add(dataDirOption);
node.Options.Add(listenOption);
node.Options.Add(nodeIdOption);
node.SetAction(async (parseResult, cancellationToken) =>
{
    Config config;
    try
    {
        config = new NodeOptions(
            parseResult.GetValue(configOption),
            parseResult.GetValue(dataDirOption),
            parseResult.GetValue(listenOption),
            parseResult.GetValue(nodeIdOption)).BuildConfig();
    }
    catch (Exception e) when (e is ArgumentException or ConfigException or IOException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }

    using var loggerFactory = LoggerFactory.Create(builder => builder
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        })
        .SetMinimumLevel(LogLevel.Information));
    try
    {
        return await new NodeHost(config, loggerFactory).RunAsync(cancellationToken).ConfigureAwait(false);
    }
    catch (Exception e) when (e is System.Net.Sockets.SocketException or ConfigException or ArgumentException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 1;
    }
});
root.Subcommands.Add(node);

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
