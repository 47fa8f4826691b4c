using ActorStream.Node.Tests.Support;

namespace ActorStream.Cli.Tests.Support;

/// <summary>One node process on a free loopback port, shared by the specs of a class.</summary>
public sealed class CliNodeFixture : IAsyncLifetime
{
    private readonly TempDirectory _dataDir = new();
    private NodeProcess? _node;

    public string Bootstrap => _node!.Bootstrap;

    public async Task InitializeAsync() => _node = await NodeProcess.StartAsync(_dataDir.Path, FreePort.Next());

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _dataDir.Dispose();
    }
}
