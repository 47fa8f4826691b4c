namespace ActorStream.ClientCompat.Tests;

/// <summary>
/// One node process shared by the tests of a class. Group rebalances start after 100 ms instead of
/// 3 s so that group scenarios stay quick.
/// </summary>
public class NodeFixture : IAsyncLifetime
{
    private NodeProcess? _node;

    /// <summary>The running node.</summary>
    public NodeProcess Node => _node ?? throw new InvalidOperationException("The node fixture has not started.");

    /// <summary>Broker settings written into the node's config file.</summary>
    protected virtual string BrokerConfig => """
        "group.initial.rebalance.delay.ms" = 100
        """;

    public async Task InitializeAsync() => _node = await NodeProcess.StartAsync(BrokerConfig);

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
