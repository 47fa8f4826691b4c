using ActorStream.Configuration;
using ActorStream.Persistence.Snapshot;

namespace ActorStream.Persistence;

/// <summary>Builds a snapshot store plugin from its HOCON section (named by the section's <c>class</c> key).</summary>
public interface ISnapshotStoreProvider
{
    SnapshotStore Create(Config pluginConfig, PersistencePluginContext context);
}
