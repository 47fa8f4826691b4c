using System.CommandLine;
using ActorStream.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorStream.Node.Commands;

/// <summary><c>actorstream node</c>: runs a node with its Kafka listener.</summary>
internal static class NodeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
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
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
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
                await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Error;
            }
        });
        return node;
    }
}
