using ActorStream.Actor;
using ActorStream.Broker.Topics;
using ActorStream.Configuration;
using ActorStream.Kafka;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Network;

namespace ActorStream.Benchmarks.Kafka;

/// <summary>
/// A node started inside the benchmark process (--spawn-node): actor system with the SQLite
/// journal and snapshot store in a temporary directory (synchronous=FULL), the broker services,
/// every Kafka handler and a listener on 127.0.0.1 with an ephemeral port. The same wiring as
/// <c>actorstream node</c>, without its console host. Disposal stops it and deletes the directory.
/// </summary>
internal sealed class InProcessNode : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly KafkaListener _listener;
    private readonly string _dataDir;

    private InProcessNode(ActorSystem system, KafkaListener listener, string dataDir)
    {
        _system = system;
        _listener = listener;
        _dataDir = dataDir;
    }

    public string Bootstrap => $"{_listener.AdvertisedHost}:{_listener.AdvertisedPort}";

    public static InProcessNode Start()
    {
        var dataDir = Directory.CreateTempSubdirectory("actorstream-kafka-bench").FullName;
        var config = ConfigurationFactory.ParseString($$"""
            actorstream.persistence {
              journal.plugin = "actorstream.persistence.journal.sqlite"
              journal.sqlite.data-source = "{{Path.Combine(dataDir, "journal.db").Replace("\\", "\\\\", StringComparison.Ordinal)}}"
              snapshot-store.plugin = "actorstream.persistence.snapshot-store.sqlite"
              snapshot-store.sqlite.data-source = "{{Path.Combine(dataDir, "snapshots.db").Replace("\\", "\\\\", StringComparison.Ordinal)}}"
            }
            """);
        var system = ActorSystem.Create("actorstream-bench", BootstrapSetup.Create().WithConfig(config));
        var broker = BrokerServices.Start(system, BrokerSettings.FromConfig(config), nodeId: 0);
        var dispatcher = new KafkaRequestDispatcher(KafkaHandlers.All(broker));
        var listener = new KafkaListener(KafkaListenerSettings.Default with { Host = "127.0.0.1", Port = 0 }, dispatcher);
        listener.Start();
        broker.Advertise(listener.AdvertisedHost, listener.AdvertisedPort);
        Console.WriteLine($"spawned node: listener {listener.AdvertisedHost}:{listener.AdvertisedPort}, data in {dataDir}");
        return new InProcessNode(system, listener, dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync();
        await _system.Terminate();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp directory is left behind.
        }
    }
}
