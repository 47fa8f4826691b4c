using ActorStream.Actor;
using ActorStream.Configuration;
using ActorStream.Persistence.Journal;
using ActorStream.Persistence.Snapshot;
using ActorStream.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Persistence;

/// <summary>
/// The persistence extension of an actor system: journal and snapshot-store plugins by config path
/// (created and started on first use, shared by every persistent actor), the serialization
/// registry they use, and the recovery permits. Thread-safe.
/// </summary>
public sealed class Persistence : IExtension
{
    private static readonly Config s_reference = ConfigurationFactory.FromResource(typeof(Persistence).Assembly, "ActorStream.Persistence.reference.conf");

    private readonly ExtendedActorSystem _system;
    private readonly Config _config;
    private readonly Lock _pluginsLock = new();
    private readonly Dictionary<string, Task<AsyncWriteJournal>> _journals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<SnapshotStore>> _snapshotStores = new(StringComparer.Ordinal);

    private Persistence(ExtendedActorSystem system)
    {
        _system = system;
        _config = system.Settings.Config.WithFallback(s_reference);
        Serialization = SerializationRegistry.CreateDefault();
        DefaultJournalPluginId = _config.GetString("actorstream.persistence.journal.plugin", "actorstream.persistence.journal.inmem")!;
        DefaultSnapshotPluginId = _config.GetString("actorstream.persistence.snapshot-store.plugin", "actorstream.persistence.snapshot-store.inmem")!;
        RecoveryPermitter = new RecoveryPermitter(_config.GetInt("actorstream.persistence.max-concurrent-recoveries", 50));
        RecoveryRetries = _config.GetInt("actorstream.persistence.recovery.retries", 3);
        RecoveryRetryBackoff = _config.GetTimeSpan("actorstream.persistence.recovery.retry-backoff", TimeSpan.FromMilliseconds(200), allowInfinite: false);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "persistence-plugins", async () =>
        {
            await DisposePluginsAsync().ConfigureAwait(false);
            return Done.Instance;
        });
    }

    /// <summary>The persistence extension of <paramref name="system"/>, created on first use.</summary>
    public static Persistence Get(ActorSystem system) => (Persistence)system.RegisterExtension(Provider.Instance);

    /// <summary>Akka-style accessor: <c>Persistence.Instance.Apply(system)</c>.</summary>
    public static Provider Instance => Provider.Instance;

    /// <summary>The serializers and bindings every plugin uses; register event types here before persisting them.</summary>
    public SerializationRegistry Serialization { get; }

    public string DefaultJournalPluginId { get; }

    public string DefaultSnapshotPluginId { get; }

    internal RecoveryPermitter RecoveryPermitter { get; }

    internal int RecoveryRetries { get; }

    internal TimeSpan RecoveryRetryBackoff { get; }

    /// <summary>The journal at <paramref name="pluginId"/> (default when empty), started before the task completes.</summary>
    public Task<AsyncWriteJournal> JournalFor(string? pluginId)
    {
        var id = string.IsNullOrEmpty(pluginId) ? DefaultJournalPluginId : pluginId;
        return GetOrStart(_journals, id, StartJournalAsync);
    }

    /// <summary>The snapshot store at <paramref name="pluginId"/> (default when empty), started before the task completes.</summary>
    public Task<SnapshotStore> SnapshotStoreFor(string? pluginId)
    {
        var id = string.IsNullOrEmpty(pluginId) ? DefaultSnapshotPluginId : pluginId;
        return GetOrStart(_snapshotStores, id, StartSnapshotStoreAsync);
    }

    /// <summary>One start per plugin id, shared by every caller (the lock keeps two starts from racing).</summary>
    private Task<T> GetOrStart<T>(Dictionary<string, Task<T>> plugins, string id, Func<string, Task<T>> start)
    {
        lock (_pluginsLock)
        {
            if (!plugins.TryGetValue(id, out var plugin))
            {
                plugin = start(id);
                plugins[id] = plugin;
            }

            return plugin;
        }
    }

    private async Task<AsyncWriteJournal> StartJournalAsync(string pluginId)
    {
        var section = PluginSection(pluginId, "journal");
        var provider = CreateProvider<IJournalProvider>(section, pluginId);
        var journal = provider.Create(section, PluginContext());
        await journal.StartAsync().ConfigureAwait(false);
        return journal;
    }

    private async Task<SnapshotStore> StartSnapshotStoreAsync(string pluginId)
    {
        var section = PluginSection(pluginId, "snapshot store");
        var provider = CreateProvider<ISnapshotStoreProvider>(section, pluginId);
        var store = provider.Create(section, PluginContext());
        await store.StartAsync().ConfigureAwait(false);
        return store;
    }

    private PersistencePluginContext PluginContext()
        => new(_system, Serialization, _system.LoggerFactory ?? NullLoggerFactory.Instance);

    private Config PluginSection(string pluginId, string what)
    {
        if (!_config.HasPath(pluginId))
        {
            throw new ArgumentException($"The {what} plugin '{pluginId}' is not configured (no section at that path)", nameof(pluginId));
        }

        return _config.GetConfig(pluginId);
    }

    private static T CreateProvider<T>(Config section, string pluginId)
        where T : class
    {
        var className = section.GetString("class")
            ?? throw new ArgumentException($"The plugin section '{pluginId}' has no 'class' key naming its provider");
        var type = Type.GetType(className, throwOnError: false)
            ?? throw new ArgumentException($"The plugin '{pluginId}' names provider class '{className}', which was not found (is its assembly referenced?)");
        return Activator.CreateInstance(type) as T
            ?? throw new ArgumentException($"The plugin '{pluginId}' class '{className}' does not implement {typeof(T).Name}");
    }

    private async Task DisposePluginsAsync()
    {
        Task<AsyncWriteJournal>[] journals;
        Task<SnapshotStore>[] stores;
        lock (_pluginsLock)
        {
            journals = [.. _journals.Values];
            stores = [.. _snapshotStores.Values];
        }

        foreach (var journal in journals)
        {
            if (journal.IsCompletedSuccessfully)
            {
                await (await journal.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
        }

        foreach (var store in stores)
        {
            if (store.IsCompletedSuccessfully)
            {
                await (await store.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Creates the extension once per system.</summary>
    public sealed class Provider : ExtensionIdProvider<Persistence>
    {
        public static readonly Provider Instance = new();

        public Persistence Apply(ActorSystem system) => Get(system);

        public override Persistence CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
