using ActorStream.Persistence.Snapshot;
using ActorStream.Persistence.Tck;
using ActorStream.Serialization;

namespace ActorStream.Persistence.Tests;

public sealed class MemorySnapshotStoreTests : SnapshotStoreSpec
{
    protected override Task<SnapshotStore> CreateStoreAsync(SerializationRegistry serialization) =>
        Task.FromResult<SnapshotStore>(new MemorySnapshotStore(serialization));
}
