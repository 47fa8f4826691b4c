using ActorStream.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorStream.Hosting;

/// <summary>
/// Registers an embedded <see cref="ActorStreamNode"/> and ActorStream clients with a host
/// (<c>Microsoft.Extensions.Hosting</c>). A client whose configuration names no
/// <c>bootstrap.servers</c> talks to the registered node in process; with <c>bootstrap.servers</c>
/// it connects over the network. Clients are singletons, created on first use; those talking to the
/// node in process are disposed when the node stops, before their connections close.
/// </summary>
public static class ActorStreamServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="ActorStreamNode"/> singleton and a hosted service that starts it with the
    /// host and stops it gracefully (coordinated shutdown) when the host stops.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the node's options.</param>
    public static IServiceCollection AddActorStreamNode(this IServiceCollection services, Action<ActorStreamNodeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(provider =>
        {
            var options = new ActorStreamNodeOptions();
            configure(options);
            return new ActorStreamNode(options, provider.GetService<ILoggerFactory>());
        });
        services.AddHostedService<ActorStreamNodeHostedService>();
        return services;
    }

    /// <summary>Registers an <see cref="IProducer{TKey,TValue}"/> singleton.</summary>
    /// <typeparam name="TKey">Key type.</typeparam>
    /// <typeparam name="TValue">Value type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the producer's properties (none: in process with the defaults).</param>
    public static IServiceCollection AddActorStreamProducer<TKey, TValue>(this IServiceCollection services, Action<ProducerConfig>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(provider =>
        {
            var config = new ProducerConfig();
            configure?.Invoke(config);
            var builder = new ProducerBuilder<TKey, TValue>(config);
            if (provider.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                builder.SetLoggerFactory(loggerFactory);
            }

            var node = InProcessNode(provider, config);
            if (node is not null)
            {
                builder.UseInProcess(node.Broker);
            }

            return Owned(node, builder.Build());
        });
        return services;
    }

    /// <summary>Registers an <see cref="IConsumer{TKey,TValue}"/> singleton (not thread-safe, as every consumer: one consuming loop uses it).</summary>
    /// <typeparam name="TKey">Key type.</typeparam>
    /// <typeparam name="TValue">Value type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the consumer's properties (group.id to subscribe).</param>
    public static IServiceCollection AddActorStreamConsumer<TKey, TValue>(this IServiceCollection services, Action<ConsumerConfig> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddSingleton(provider =>
        {
            var config = new ConsumerConfig();
            configure(config);
            var builder = new ConsumerBuilder<TKey, TValue>(config);
            if (provider.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                builder.SetLoggerFactory(loggerFactory);
            }

            var node = InProcessNode(provider, config);
            if (node is not null)
            {
                builder.UseInProcess(node.Broker);
            }

            return Owned(node, builder.Build());
        });
        return services;
    }

    /// <summary>Registers an <see cref="IAdminClient"/> singleton.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the admin client's properties (none: in process with the defaults).</param>
    public static IServiceCollection AddActorStreamAdminClient(this IServiceCollection services, Action<AdminClientConfig>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(provider =>
        {
            var config = new AdminClientConfig();
            configure?.Invoke(config);
            var builder = new AdminClientBuilder(config);
            if (provider.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                builder.SetLoggerFactory(loggerFactory);
            }

            var node = InProcessNode(provider, config);
            if (node is not null)
            {
                builder.UseInProcess(node.Broker);
            }

            return Owned(node, builder.Build());
        });
        return services;
    }

    /// <summary>The registered node when <paramref name="config"/> names no bootstrap servers; null to use the network.</summary>
    private static ActorStreamNode? InProcessNode(IServiceProvider provider, ClientConfig config)
    {
        if (!string.IsNullOrWhiteSpace(config.BootstrapServers))
        {
            return null;
        }

        return provider.GetService<ActorStreamNode>()
            ?? throw new InvalidOperationException("The client has no bootstrap.servers and no ActorStream node is registered: call AddActorStreamNode or set BootstrapServers.");
    }

    private static T Owned<T>(ActorStreamNode? node, T client)
        where T : IAsyncDisposable
    {
        node?.Own(client);
        return client;
    }
}
