using ActorStream.Persistence.Snapshot;
using ActorStream.Persistence.Tck;
using ActorStream.Serialization;

namespace ActorStream.Persistence.Sql.Tests;

public sealed class PostgresSnapshotStoreTests(PostgresSchemaFixture fixture) : SnapshotStoreSpec, IClassFixture<PostgresSchemaFixture>
{
    protected override async Task<SnapshotStore> CreateStoreAsync(SerializationRegistry serialization)
    {
        var store = new PostgresSnapshotStore(new PostgresSnapshotStoreSettings(fixture.ConnectionString) { Schema = fixture.Schema }, serialization);
        await store.StartAsync();
        return store;
    }
}
