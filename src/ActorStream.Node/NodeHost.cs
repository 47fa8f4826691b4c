using System.Runtime.InteropServices;
using ActorStream.Actor;
using ActorStream.Broker.Topics;
using ActorStream.Configuration;
using ActorStream.Kafka;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Network;
using Microsoft.Extensions.Logging;

namespace ActorStream.Node;

/// <summary>
/// Runs one node: the actor system, the Kafka listener and the request handlers, until SIGTERM or
/// Ctrl-C; then a coordinated shutdown stops accepting, finishes in-flight requests and stops actors.
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
        var nodeId = _config.GetInt("actorstream.node.id", 0);
        var dataDir = Path.GetFullPath(_config.GetString("actorstream.node.data-dir", "data")!);
        Directory.CreateDirectory(dataDir);

        using var system = ActorSystem.Create("actorstream", BootstrapSetup.Create().WithConfig(_config).WithLoggerFactory(_loggerFactory));
        var broker = BrokerServices.Start(system, BrokerSettings.FromConfig(_config), nodeId);
        var dispatcher = new KafkaRequestDispatcher(KafkaHandlers.All(broker), _loggerFactory.CreateLogger<KafkaRequestDispatcher>());
        var listener = new KafkaListener(KafkaListenerSettings.FromConfig(_config), dispatcher, _loggerFactory);
        await using var listenerScope = listener.ConfigureAwait(false);
        listener.Start();
        broker.Advertise(listener.AdvertisedHost, listener.AdvertisedPort);

        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "kafka-listener", async () =>
        {
            await listener.StopAsync().ConfigureAwait(false);
            return Done.Instance;
        });

        Console.WriteLine($"ActorStream node {nodeId} is up: Kafka listener on {listener.AdvertisedHost}:{listener.AdvertisedPort}, data in {dataDir}");
        Console.WriteLine($"Connect with bootstrap.servers={listener.AdvertisedHost}:{listener.AdvertisedPort} (e.g. kcat -b {listener.AdvertisedHost}:{listener.AdvertisedPort} -L). Stop with Ctrl-C.");

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var registration = cancellationToken.Register(() => stop.TrySetResult());
        await Task.WhenAny(stop.Task, system.WhenTerminated).ConfigureAwait(false);

        Console.WriteLine("Shutting down…");
        await shutdown.Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
        await system.WhenTerminated.ConfigureAwait(false);
        Console.WriteLine("Stopped.");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }
}
