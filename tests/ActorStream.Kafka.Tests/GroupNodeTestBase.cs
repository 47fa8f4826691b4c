using ActorStream.Broker.Topics;
using ActorStream.Configuration;

namespace ActorStream.Kafka.Tests;

/// <summary>
/// A node for group specs: group.initial.rebalance.delay.ms = 0 (a rebalance completes as soon as every
/// known member joined) and one connection per member from <see cref="ConnectAsync"/>.
/// </summary>
public abstract class GroupNodeTestBase : BrokerNodeTestBase, IAsyncLifetime
{
    private readonly List<IDisposable> _clients = [];

    protected override BrokerSettings Settings { get; } = BrokerSettings.FromConfig(ConfigurationFactory.ParseString("""
        actorstream.broker { "group.initial.rebalance.delay.ms" = 0 }
        """));

    internal async Task<GroupTestClient> ConnectAsync(string clientId = "member")
    {
        var client = await GroupTestClient.OpenAsync(Listener.EndPoint, clientId);
        _clients.Add(client);
        return client;
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await base.DisposeAsync();
    }
}
