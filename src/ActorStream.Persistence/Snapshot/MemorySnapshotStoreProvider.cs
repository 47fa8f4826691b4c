using ActorStream.Configuration;

namespace ActorStream.Persistence.Snapshot;

/// <summary>Provides the in-memory snapshot store (<c>actorstream.persistence.snapshot-store.inmem</c>).</summary>
public sealed class MemorySnapshotStoreProvider : ISnapshotStoreProvider
{
    public SnapshotStore Create(Config pluginConfig, PersistencePluginContext context) => new MemorySnapshotStore(context.Serialization);
}
