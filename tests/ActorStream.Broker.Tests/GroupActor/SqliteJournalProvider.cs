using ActorStream.Configuration;
using ActorStream.Persistence;
using ActorStream.Persistence.Journal;
using ActorStream.Persistence.Sql;

namespace ActorStream.Broker.Tests.GroupActor;

/// <summary>Plugs the SQLite journal into HOCON plugin selection for these tests.</summary>
public sealed class SqliteJournalProvider : IJournalProvider
{
    public AsyncWriteJournal Create(Config pluginConfig, PersistencePluginContext context) =>
        new SqliteJournal(SqliteJournalSettings.FromConfig(pluginConfig), context.Serialization);
}
