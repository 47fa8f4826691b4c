using ActorStream.Configuration;
using ActorStream.Persistence.Journal;
using Microsoft.Extensions.Logging;

namespace ActorStream.Persistence.Sql;

/// <summary>Builds the SQLite journal from its section (<c>actorstream.persistence.journal.sqlite</c>); keys in README.md.</summary>
public sealed class SqliteJournalProvider : IJournalProvider
{
    public AsyncWriteJournal Create(Config pluginConfig, PersistencePluginContext context)
        => new SqliteJournal(
            SqliteJournalSettings.FromConfig(pluginConfig),
            context.Serialization,
            context.LoggerFactory.CreateLogger<SqliteJournal>());
}
