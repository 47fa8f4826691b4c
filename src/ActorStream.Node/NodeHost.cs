using System.Runtime.InteropServices;
using ActorStream.Configuration;
using ActorStream.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorStream.Node;

/// <summary>
/// Runs one node (an <see cref="ActorStreamNode"/> with its Kafka listener) until SIGTERM or Ctrl-C;
/// then a coordinated shutdown stops accepting, finishes in-flight requests and stops actors.
/// </summary>
internal sealed class NodeHost
{
    private readonly Config _config;
    private readonly ILoggerFactory _loggerFactory;

    public NodeHost(Config config, ILoggerFactory loggerFactory)
    {
        _config = config;
        _loggerFactory = loggerFactory;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var node = new ActorStreamNode(new ActorStreamNodeOptions { Config = _config, EnableKafkaListener = true }, _loggerFactory);
        await using var nodeScope = node.ConfigureAwait(false);
        await node.StartAsync(cancellationToken).ConfigureAwait(false);

        Console.WriteLine($"ActorStream node {node.NodeId} is up: Kafka listener on {node.AdvertisedHost}:{node.AdvertisedPort}, data in {node.DataDirectory}");
        Console.WriteLine($"Connect with bootstrap.servers={node.AdvertisedHost}:{node.AdvertisedPort} (e.g. kcat -b {node.AdvertisedHost}:{node.AdvertisedPort} -L). Stop with Ctrl-C.");

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var registration = cancellationToken.Register(() => stop.TrySetResult());
        await Task.WhenAny(stop.Task, node.WhenTerminated).ConfigureAwait(false);

        Console.WriteLine("Shutting down…");
        await node.StopAsync(CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine("Stopped.");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }
}
