using ActorStream.Configuration;
using ActorStream.Persistence.Journal;

namespace ActorStream.Persistence;

/// <summary>Builds a journal plugin from its HOCON section (named by the section's <c>class</c> key).</summary>
public interface IJournalProvider
{
    AsyncWriteJournal Create(Config pluginConfig, PersistencePluginContext context);
}
