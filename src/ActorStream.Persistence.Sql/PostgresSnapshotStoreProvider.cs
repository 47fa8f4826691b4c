using ActorStream.Configuration;
using ActorStream.Persistence.Snapshot;
using Microsoft.Extensions.Logging;

namespace ActorStream.Persistence.Sql;

/// <summary>Builds the PostgreSQL snapshot store from its section (<c>actorstream.persistence.snapshot-store.postgres</c>).</summary>
public sealed class PostgresSnapshotStoreProvider : ISnapshotStoreProvider
{
    public SnapshotStore Create(Config pluginConfig, PersistencePluginContext context)
        => new PostgresSnapshotStore(
            PostgresSnapshotStoreSettings.FromConfig(pluginConfig),
            context.Serialization,
            context.LoggerFactory.CreateLogger<PostgresSnapshotStore>());
}
