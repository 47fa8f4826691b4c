using ActorStream.Configuration;
using ActorStream.Persistence.Journal;
using Microsoft.Extensions.Logging;

namespace ActorStream.Persistence.Sql;

/// <summary>Builds the PostgreSQL journal from its section (<c>actorstream.persistence.journal.postgres</c>); keys in README.md.</summary>
public sealed class PostgresJournalProvider : IJournalProvider
{
    public AsyncWriteJournal Create(Config pluginConfig, PersistencePluginContext context)
        => new PostgresJournal(
            PostgresJournalSettings.FromConfig(pluginConfig),
            context.Serialization,
            context.LoggerFactory.CreateLogger<PostgresJournal>());
}
