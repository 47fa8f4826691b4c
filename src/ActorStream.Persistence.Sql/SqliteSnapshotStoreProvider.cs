using ActorStream.Configuration;
using ActorStream.Persistence.Snapshot;

namespace ActorStream.Persistence.Sql;

/// <summary>Builds the SQLite snapshot store from its section (<c>actorstream.persistence.snapshot-store.sqlite</c>).</summary>
public sealed class SqliteSnapshotStoreProvider : ISnapshotStoreProvider
{
    public SnapshotStore Create(Config pluginConfig, PersistencePluginContext context)
        => new SqliteSnapshotStore(SqliteSnapshotStoreSettings.FromConfig(pluginConfig), context.Serialization);
}
