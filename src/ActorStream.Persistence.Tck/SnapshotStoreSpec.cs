using ActorStream.Persistence.Snapshot;
using ActorStream.Serialization;
using Xunit;

namespace ActorStream.Persistence.Tck;

/// <summary>
/// The contract every snapshot store plugin must pass (Akka's SnapshotStoreSpec). Derive a test
/// class and implement <see cref="CreateStoreAsync"/>. Each test saves snapshots at sequence nrs
/// 10, 20, 30, 40 taken one minute apart, starting at <see cref="T0"/>.
/// </summary>
public abstract class SnapshotStoreSpec : IAsyncLifetime
{
    /// <summary>Time of the first snapshot (UTC).</summary>
    protected static readonly DateTime T0 = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private SnapshotStore? _store;

    /// <summary>The store under test.</summary>
    protected SnapshotStore Store => _store ?? throw new InvalidOperationException("Store not created.");

    /// <summary>The registry the store serializes with.</summary>
    protected SerializationRegistry Serialization { get; } = SpecSerialization.Create();

    /// <summary>The persistence id with the four snapshots.</summary>
    protected string PersistenceId { get; } = $"snap-{Guid.NewGuid():N}";

    /// <summary>The metadata of the four snapshots, oldest first.</summary>
    protected List<SnapshotMetadata> Saved { get; } = [];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync(Serialization).ConfigureAwait(false);
        for (var i = 1; i <= 4; i++)
        {
            var metadata = new SnapshotMetadata(PersistenceId, i * 10, At(i - 1));
            await _store.SaveAsync(metadata, $"state-{i * 10}").ConfigureAwait(false);
            Saved.Add(metadata);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        await CleanupAsync().ConfigureAwait(false);
    }

    /// <summary>Creates and starts the store under test on storage no other test sees.</summary>
    protected abstract Task<SnapshotStore> CreateStoreAsync(SerializationRegistry serialization);

    /// <summary>Removes the test's storage after the store was disposed.</summary>
    protected virtual Task CleanupAsync() => Task.CompletedTask;

    /// <summary><see cref="T0"/> plus <paramref name="minutes"/> minutes.</summary>
    protected static DateTime At(int minutes) => T0.AddMinutes(minutes);

    private static void AssertSnapshot(SelectedSnapshot? loaded, SnapshotMetadata expected)
    {
        Assert.NotNull(loaded);
        Assert.Equal(expected.PersistenceId, loaded.Metadata.PersistenceId);
        Assert.Equal(expected.SequenceNr, loaded.Metadata.SequenceNr);
        Assert.Equal(expected.Timestamp, loaded.Metadata.Timestamp);
        Assert.Equal($"state-{expected.SequenceNr}", loaded.Snapshot);
    }

    [Fact]
    public async Task Load_NothingSaved_ReturnsNull()
    {
        Assert.Null(await Store.LoadAsync($"none-{Guid.NewGuid():N}", SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Load_Latest_ReturnsYoungestSnapshot()
    {
        AssertSnapshot(await Store.LoadAsync(PersistenceId, SnapshotSelectionCriteria.Latest), Saved[3]);
    }

    [Fact]
    public async Task Load_NoneCriteria_ReturnsNull()
    {
        Assert.Null(await Store.LoadAsync(PersistenceId, SnapshotSelectionCriteria.None));
    }

    [Fact]
    public async Task Load_MaxSequenceNr_ReturnsYoungestAtOrBelowIt()
    {
        AssertSnapshot(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(25)), Saved[1]);
        AssertSnapshot(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(20)), Saved[1]);
        Assert.Null(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(9)));
    }

    [Fact]
    public async Task Load_MaxTimestamp_ReturnsYoungestTakenAtOrBeforeIt()
    {
        AssertSnapshot(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(long.MaxValue, At(1))), Saved[1]);
        AssertSnapshot(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(long.MaxValue, At(2).AddSeconds(30))), Saved[2]);
        Assert.Null(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(long.MaxValue, T0.AddSeconds(-1))));
    }

    [Fact]
    public async Task Load_MaxSequenceNrAndMaxTimestamp_BothBoundsApply()
    {
        AssertSnapshot(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(30, At(1))), Saved[1]);
        AssertSnapshot(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(20, At(3))), Saved[1]);
    }

    [Fact]
    public async Task Load_MinSequenceNr_ExcludesOlderSnapshots()
    {
        AssertSnapshot(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(long.MaxValue, DateTime.MaxValue, 25)), Saved[3]);
        AssertSnapshot(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(35, DateTime.MaxValue, 25)), Saved[2]);
        Assert.Null(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(25, DateTime.MaxValue, 21)));
    }

    [Fact]
    public async Task Load_MinTimestamp_ExcludesEarlierSnapshots()
    {
        AssertSnapshot(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(30, DateTime.MaxValue, 0, At(2))), Saved[2]);
        Assert.Null(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(20, DateTime.MaxValue, 0, At(2))));
    }

    [Fact]
    public async Task Delete_ByMetadata_RemovesOnlyThatSnapshot()
    {
        await Store.DeleteAsync(new SnapshotMetadata(PersistenceId, 40));

        AssertSnapshot(await Store.LoadAsync(PersistenceId, SnapshotSelectionCriteria.Latest), Saved[2]);
        AssertSnapshot(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(20)), Saved[1]);
    }

    [Fact]
    public async Task Delete_ByMetadataWithOtherTimestamp_KeepsTheSnapshot()
    {
        await Store.DeleteAsync(new SnapshotMetadata(PersistenceId, 40, At(30)));

        AssertSnapshot(await Store.LoadAsync(PersistenceId, SnapshotSelectionCriteria.Latest), Saved[3]);
    }

    [Fact]
    public async Task Delete_ByCriteria_RemovesEveryMatchingSnapshot()
    {
        await Store.DeleteAsync(PersistenceId, new SnapshotSelectionCriteria(30));

        AssertSnapshot(await Store.LoadAsync(PersistenceId, SnapshotSelectionCriteria.Latest), Saved[3]);
        Assert.Null(await Store.LoadAsync(PersistenceId, new SnapshotSelectionCriteria(30)));
    }

    [Fact]
    public async Task Delete_ByCriteriaWithMinBound_KeepsOlderSnapshots()
    {
        await Store.DeleteAsync(PersistenceId, new SnapshotSelectionCriteria(long.MaxValue, DateTime.MaxValue, 20));

        AssertSnapshot(await Store.LoadAsync(PersistenceId, SnapshotSelectionCriteria.Latest), Saved[0]);
    }

    [Fact]
    public async Task Save_SameSequenceNrTwice_ReplacesTheSnapshot()
    {
        var metadata = new SnapshotMetadata(PersistenceId, 40, At(10));

        await Store.SaveAsync(metadata, "state-40-again");

        var loaded = await Store.LoadAsync(PersistenceId, SnapshotSelectionCriteria.Latest);
        Assert.Equal("state-40-again", loaded?.Snapshot);
        Assert.Equal(At(10), loaded?.Metadata.Timestamp);
    }

    [Fact]
    public async Task Save_LargeBinarySnapshot_RoundTripsByteExact()
    {
        var pid = $"big-{Guid.NewGuid():N}";
        var state = new byte[1 << 20];
        new Random(11).NextBytes(state);

        await Store.SaveAsync(new SnapshotMetadata(pid, 1, T0), state);

        var loaded = await Store.LoadAsync(pid, SnapshotSelectionCriteria.Latest);
        Assert.True(state.AsSpan().SequenceEqual(Assert.IsType<byte[]>(loaded?.Snapshot)));
    }

    [Fact]
    public async Task Save_UnserializableSnapshot_FailsAndStoresNothing()
    {
        var pid = $"bad-{Guid.NewGuid():N}";

        await Assert.ThrowsAsync<SerializerNotFoundException>(() => Store.SaveAsync(new SnapshotMetadata(pid, 1, T0), new UnserializableEvent("x")));

        Assert.Null(await Store.LoadAsync(pid, SnapshotSelectionCriteria.Latest));
    }

    [Fact]
    public async Task Load_OtherPersistenceId_DoesNotSeeTheseSnapshots()
    {
        var other = $"other-{Guid.NewGuid():N}";
        await Store.SaveAsync(new SnapshotMetadata(other, 5, T0), "state-5");

        AssertSnapshot(await Store.LoadAsync(other, SnapshotSelectionCriteria.Latest), new SnapshotMetadata(other, 5, T0));
        AssertSnapshot(await Store.LoadAsync(PersistenceId, SnapshotSelectionCriteria.Latest), Saved[3]);
    }
}
