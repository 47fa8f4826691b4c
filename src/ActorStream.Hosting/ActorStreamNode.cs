using ActorStream.Actor;
using ActorStream.Broker.Topics;
using ActorStream.Client;
using ActorStream.Configuration;
using ActorStream.Kafka;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Hosting;

/// <summary>
/// An ActorStream node inside the application's process: the actor system, the broker services and
/// the Kafka request handlers, storing in SQLite files under the data directory by default (exactly
/// as <c>actorstream node</c> does), optionally with the Kafka TCP listener for other processes.
/// Clients in this process reach it through <see cref="Broker"/> without sockets, with the usual
/// client API: <see cref="CreateProducer{TKey,TValue}"/>, <see cref="CreateConsumer{TKey,TValue}"/>,
/// <see cref="CreateAdminClient"/>, or any builder's <c>UseInProcess(node.Broker)</c>.
/// <code>
///  new ─► StartAsync ─► running ─► StopAsync / DisposeAsync ─► stopped
///                          │  (coordinated shutdown: listener and in-process connections stop
///                          │   taking requests, in-flight requests finish, actors stop)
/// </code>
/// Thread-safety: all members are thread-safe; Start and Stop run once each.
/// </summary>
public sealed class ActorStreamNode : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly InProcessBroker _broker;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IAsyncDisposable> _ownedClients = [];
    private readonly bool _enableListener;
    private ActorSystem? _system;
    private KafkaListener? _listener;
    private bool _started;
    private bool _stopped;

    /// <summary>Creates a node (not yet started) from <paramref name="options"/>.</summary>
    /// <param name="options">What to run; read once, here.</param>
    /// <param name="loggerFactory">Where the node logs (default: nowhere).</param>
    public ActorStreamNode(ActorStreamNodeOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Config = options.BuildConfig();
        _enableListener = options.EnableKafkaListener;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        NodeId = Config.GetInt("actorstream.node.id", 0);
        DataDirectory = Path.GetFullPath(Config.GetString("actorstream.node.data-dir", "data")!);
        _broker = new InProcessBroker(_loggerFactory.CreateLogger<InProcessBroker>(), TimeProvider.System);
    }

    /// <summary>The configuration the node runs with.</summary>
    public Config Config { get; }

    /// <summary>The node id Kafka clients see.</summary>
    public int NodeId { get; }

    /// <summary>The absolute path of the data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// The node as a broker in this process, for <c>UseInProcess</c> on the client builders. Clients
    /// may be built before the node starts: their first connection waits for it.
    /// </summary>
    public IInProcessBroker Broker => _broker;

    /// <summary>True between a completed <see cref="StartAsync(CancellationToken)"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => Volatile.Read(ref _started) && !Volatile.Read(ref _stopped) && !_terminated.Task.IsCompleted;

    /// <summary>The address Metadata names for this node (the listener's advertised address), or null without the listener.</summary>
    public string? AdvertisedHost => _listener?.AdvertisedHost;

    /// <summary>The advertised port of the listener, or 0 without it.</summary>
    public int AdvertisedPort => _listener?.AdvertisedPort ?? 0;

    /// <summary>host:port for <c>bootstrap.servers</c> of clients in other processes, or null without the listener.</summary>
    public string? BootstrapServers => _listener is { } listener ? $"{listener.AdvertisedHost}:{listener.AdvertisedPort}" : null;

    /// <summary>Completes when the node has stopped (after <see cref="StopAsync"/>, or when its actor system terminated by itself).</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Creates and starts a node.</summary>
    /// <param name="options">What to run.</param>
    /// <param name="loggerFactory">Where the node logs.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    public static async Task<ActorStreamNode> StartAsync(ActorStreamNodeOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var node = new ActorStreamNode(options, loggerFactory);
        try
        {
            await node.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return node;
    }

    /// <summary>
    /// Starts the node: creates the data directory, the actor system (recovering what the journal
    /// holds as partitions and groups are first used), the broker services, the listener if enabled,
    /// and opens <see cref="Broker"/>. Does nothing when already started.
    /// </summary>
    /// <param name="cancellationToken">Abandons waiting to start.</param>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            if (_started)
            {
                return;
            }

            Directory.CreateDirectory(DataDirectory);
            var system = ActorSystem.Create("actorstream", BootstrapSetup.Create().WithConfig(Config).WithLoggerFactory(_loggerFactory));
            try
            {
                var broker = BrokerServices.Start(system, BrokerSettings.FromConfig(Config), NodeId);
                var dispatcher = new KafkaRequestDispatcher(KafkaHandlers.All(broker), _loggerFactory.CreateLogger<KafkaRequestDispatcher>());
                var listenerSettings = KafkaListenerSettings.FromConfig(Config);
                var shutdown = CoordinatedShutdown.Get(system);
                if (_enableListener)
                {
                    var listener = new KafkaListener(listenerSettings, dispatcher, _loggerFactory);
                    listener.Start();
                    _listener = listener;
                    broker.Advertise(listener.AdvertisedHost, listener.AdvertisedPort);
                    shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "kafka-listener", async () =>
                    {
                        await listener.StopAsync().ConfigureAwait(false);
                        return Done.Instance;
                    });
                }

                shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "in-process-connections", async () =>
                {
                    await _broker.StopAsync(listenerSettings.ShutdownTimeout).ConfigureAwait(false);
                    return Done.Instance;
                });
                _system = system;
                _ = system.WhenTerminated.ContinueWith(static (_, state) => ((ActorStreamNode)state!).OnTerminated(), this,
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                _broker.Start(dispatcher);
                Volatile.Write(ref _started, true);
            }
            catch
            {
                if (_listener is { } listener)
                {
                    await listener.DisposeAsync().ConfigureAwait(false);
                    _listener = null;
                }

                await system.Terminate().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Stops the node gracefully: disposes the clients it created for a host (see the Hosting
    /// registrations), then runs the coordinated shutdown (the listener and the in-process connections
    /// stop taking requests, requests in flight finish, actors stop and flush their journals) and waits
    /// for the actor system to terminate. Idempotent.
    /// </summary>
    /// <param name="cancellationToken">Abandons waiting; the shutdown goes on.</param>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopped)
            {
                return;
            }

            Volatile.Write(ref _stopped, true);
            IAsyncDisposable[] owned;
            lock (_ownedClients)
            {
                owned = [.. _ownedClients];
                _ownedClients.Clear();
            }

            for (var i = owned.Length - 1; i >= 0; i--)
            {
                await owned[i].DisposeAsync().ConfigureAwait(false);
            }

            if (_system is not { } system)
            {
                await _broker.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
                _terminated.TrySetResult();
                return;
            }

            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).ConfigureAwait(false);
            await system.WhenTerminated.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_listener is { } listener)
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }

            _terminated.TrySetResult();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the node (<see cref="StopAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _lifecycle.Dispose();
    }

    /// <summary>A producer that talks to this node in process (bootstrap.servers is not needed). The caller disposes it.</summary>
    /// <typeparam name="TKey">Key type.</typeparam>
    /// <typeparam name="TValue">Value type.</typeparam>
    /// <param name="config">Producer properties (default: the defaults).</param>
    public IProducer<TKey, TValue> CreateProducer<TKey, TValue>(ProducerConfig? config = null) =>
        new ProducerBuilder<TKey, TValue>(config ?? new ProducerConfig()).SetLoggerFactory(_loggerFactory).UseInProcess(_broker).Build();

    /// <summary>A consumer that talks to this node in process (bootstrap.servers is not needed). The caller disposes it.</summary>
    /// <typeparam name="TKey">Key type.</typeparam>
    /// <typeparam name="TValue">Value type.</typeparam>
    /// <param name="config">Consumer properties (group.id when subscribing).</param>
    public IConsumer<TKey, TValue> CreateConsumer<TKey, TValue>(ConsumerConfig config) =>
        new ConsumerBuilder<TKey, TValue>(config ?? throw new ArgumentNullException(nameof(config))).SetLoggerFactory(_loggerFactory).UseInProcess(_broker).Build();

    /// <summary>An admin client that talks to this node in process (bootstrap.servers is not needed). The caller disposes it.</summary>
    /// <param name="config">Admin client properties (default: the defaults).</param>
    public IAdminClient CreateAdminClient(AdminClientConfig? config = null) =>
        new AdminClientBuilder(config ?? new AdminClientConfig()).SetLoggerFactory(_loggerFactory).UseInProcess(_broker).Build();

    /// <summary>Makes the node dispose <paramref name="client"/> when it stops, before its connections close (clients a host created for it).</summary>
    internal void Own(IAsyncDisposable client)
    {
        lock (_ownedClients)
        {
            if (!_stopped)
            {
                _ownedClients.Add(client);
            }
        }
    }

    private void OnTerminated() => _terminated.TrySetResult();
}
