using ActorStream.Persistence.Snapshot;
using ActorStream.Persistence.Tck;
using ActorStream.Serialization;

namespace ActorStream.Persistence.Sql.Tests;

public sealed class SqliteSnapshotStoreTests : SnapshotStoreSpec, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override async Task<SnapshotStore> CreateStoreAsync(SerializationRegistry serialization)
    {
        var store = new SqliteSnapshotStore(new SqliteSnapshotStoreSettings(_directory.File("snapshots.db")), serialization);
        await store.StartAsync();
        return store;
    }
}
