using ActorStream.Actor;
using ActorStream.Broker.Topics;
using ActorStream.Kafka;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Network;
using Microsoft.Extensions.Logging;

namespace ActorStream.Node.Commands.Bench;

/// <summary>
/// The node a benchmark runs against when no bootstrap server is given: the same wiring and defaults as
/// <c>actorstream node</c> (SQLite journal with synchronous=full) on a temporary data dir, with its Kafka listener
/// on a free loopback port. Warnings of the node go to stderr. Disposing stops it and deletes the data dir.
/// This class is the only place that knows how the benchmark reaches its node.
/// </summary>
internal sealed class EmbeddedBenchNode : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly ActorSystem _system;
    private readonly KafkaListener _listener;
    private readonly string _dataDir;

    private EmbeddedBenchNode(ILoggerFactory loggerFactory, ActorSystem system, KafkaListener listener, string dataDir)
    {
        _loggerFactory = loggerFactory;
        _system = system;
        _listener = listener;
        _dataDir = dataDir;
    }

    /// <summary>The bootstrap servers of the node.</summary>
    public string Bootstrap => $"{_listener.AdvertisedHost}:{_listener.AdvertisedPort}";

    /// <summary>Starts a node; it accepts connections when this returns.</summary>
    public static EmbeddedBenchNode Start()
    {
        var dataDir = Directory.CreateTempSubdirectory("actorstream-bench-").FullName;
        var loggerFactory = LoggerFactory.Create(builder => builder
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning));
        ActorSystem? system = null;
        try
        {
            var config = new NodeOptions(null, dataDir, "127.0.0.1:0", 0).BuildConfig();
            system = ActorSystem.Create("actorstream", BootstrapSetup.Create().WithConfig(config).WithLoggerFactory(loggerFactory));
            var broker = BrokerServices.Start(system, BrokerSettings.FromConfig(config), 0);
            var dispatcher = new KafkaRequestDispatcher(KafkaHandlers.All(broker), loggerFactory.CreateLogger<KafkaRequestDispatcher>());
            var listener = new KafkaListener(KafkaListenerSettings.FromConfig(config), dispatcher, loggerFactory);
            listener.Start();
            broker.Advertise(listener.AdvertisedHost, listener.AdvertisedPort);
            return new EmbeddedBenchNode(loggerFactory, system, listener, dataDir);
        }
        catch
        {
            system?.Dispose();
            loggerFactory.Dispose();
            TryDelete(dataDir);
            throw;
        }
    }

    /// <summary>Stops the listener and the actor system, then deletes the data dir.</summary>
    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _system.Terminate().ConfigureAwait(false);
        _system.Dispose();
        _loggerFactory.Dispose();
        TryDelete(_dataDir);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temporary directory stays behind.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
