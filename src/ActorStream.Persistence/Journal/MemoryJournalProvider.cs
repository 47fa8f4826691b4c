using ActorStream.Configuration;

namespace ActorStream.Persistence.Journal;

/// <summary>Provides the in-memory journal (<c>actorstream.persistence.journal.inmem</c>).</summary>
public sealed class MemoryJournalProvider : IJournalProvider
{
    public AsyncWriteJournal Create(Config pluginConfig, PersistencePluginContext context) => new MemoryJournal(context.Serialization);
}
