using ActorStream.Configuration;
using ActorStream.Persistence;
using ActorStream.Persistence.Journal;
using ActorStream.Persistence.Snapshot;
using ActorStream.Persistence.Sql;

namespace ActorStream.Broker.Tests.Partitions;

/// <summary>Builds the SQLite journal from its HOCON section (the Sql project has no provider yet).</summary>
public sealed class SqliteJournalTestProvider : IJournalProvider
{
    public AsyncWriteJournal Create(Config pluginConfig, PersistencePluginContext context)
        => new SqliteJournal(SqliteJournalSettings.FromConfig(pluginConfig), context.Serialization);
}

/// <summary>Builds the SQLite snapshot store from its HOCON section.</summary>
public sealed class SqliteSnapshotTestProvider : ISnapshotStoreProvider
{
    public SnapshotStore Create(Config pluginConfig, PersistencePluginContext context)
        => new SqliteSnapshotStore(SqliteSnapshotStoreSettings.FromConfig(pluginConfig), context.Serialization);
}
