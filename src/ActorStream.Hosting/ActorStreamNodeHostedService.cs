using Microsoft.Extensions.Hosting;

namespace ActorStream.Hosting;

/// <summary>Starts the registered <see cref="ActorStreamNode"/> with the host and stops it gracefully with the host.</summary>
internal sealed class ActorStreamNodeHostedService(ActorStreamNode node) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => node.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => node.StopAsync(cancellationToken);
}
