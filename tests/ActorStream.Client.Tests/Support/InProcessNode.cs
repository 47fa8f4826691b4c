using ActorStream.Actor;
using ActorStream.Broker.Topics;
using ActorStream.Kafka;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Network;

namespace ActorStream.Client.Tests.Support;

/// <summary>
/// One broker node in process: actor system with the in-memory journal, <see cref="BrokerServices"/>,
/// every Kafka handler and a listener on 127.0.0.1:0. Clients reach it at <see cref="BootstrapServers"/>.
/// </summary>
public sealed class InProcessNode : IAsyncDisposable
{
    private InProcessNode(ActorSystem system, BrokerServices broker, KafkaListener listener)
    {
        System = system;
        Broker = broker;
        Listener = listener;
    }

    public const int NodeId = 1;

    public ActorSystem System { get; }

    public BrokerServices Broker { get; }

    public KafkaListener Listener { get; }

    public int Port => Listener.AdvertisedPort;

    public string BootstrapServers => $"127.0.0.1:{Listener.AdvertisedPort}";

    public static Task<InProcessNode> StartAsync(BrokerSettings? settings = null)
    {
        var system = ActorSystem.Create("client-spec-" + Guid.NewGuid().ToString("N"));
        var broker = BrokerServices.Start(system, settings ?? BrokerSettings.Default, NodeId, "client-spec-cluster");
        var listener = new KafkaListener(KafkaListenerSettings.Default with { Host = "127.0.0.1", Port = 0 }, new KafkaRequestDispatcher(KafkaHandlers.All(broker)));
        listener.Start();
        broker.Advertise(listener.AdvertisedHost, listener.AdvertisedPort);
        return Task.FromResult(new InProcessNode(system, broker, listener));
    }

    /// <summary>Makes Metadata name <paramref name="host"/>:<paramref name="port"/> (e.g. a proxy) as this broker's address.</summary>
    public void AdvertiseAs(string host, int port) => Broker.Advertise(host, port);

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        await System.Terminate();
    }
}
