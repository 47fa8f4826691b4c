using System.Collections.Immutable;

namespace ActorStream.Persistence.Tests;

public sealed class AtomicWriteTests
{
    [Fact]
    public void Constructor_ContiguousEvents_ExposesRange()
    {
        var write = new AtomicWrite(ImmutableArray.Create<IPersistentRepresentation>(new Persistent("a", 4, "p"), new Persistent("b", 5, "p")));

        Assert.Equal("p", write.PersistenceId);
        Assert.Equal(4, write.LowestSequenceNr);
        Assert.Equal(5, write.HighestSequenceNr);
        Assert.Equal(2, write.Size);
    }

    [Fact]
    public void Constructor_MixedPersistenceIds_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            new AtomicWrite(ImmutableArray.Create<IPersistentRepresentation>(new Persistent("a", 1, "p"), new Persistent("b", 2, "q"))));
    }

    [Fact]
    public void Constructor_GapInSequenceNrs_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            new AtomicWrite(ImmutableArray.Create<IPersistentRepresentation>(new Persistent("a", 1, "p"), new Persistent("b", 3, "p"))));
    }

    [Fact]
    public void Constructor_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AtomicWrite(ImmutableArray<IPersistentRepresentation>.Empty));
    }

    [Fact]
    public void OrderingOf_PayloadWithKey_UsesPayloadKeyUnlessExplicit()
    {
        var keyed = new Tck.OrderedBatch(1, 2, 3, "x");

        Assert.Equal(new EventOrdering(1, 2, 3), Persistent.OrderingOf(new Persistent(keyed, 1, "p")));
        Assert.Equal(new EventOrdering(7, 8, 9), Persistent.OrderingOf(new Persistent(keyed, 1, "p", Ordering: new EventOrdering(7, 8, 9))));
        Assert.Null(Persistent.OrderingOf(new Persistent("plain", 1, "p")));
    }

    [Fact]
    public void SnapshotSelectionCriteria_Bounds_AreInclusive()
    {
        var t = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var criteria = new SnapshotSelectionCriteria(20, t.AddMinutes(1), 10, t);

        Assert.True(criteria.IsMatch(new SnapshotMetadata("p", 10, t)));
        Assert.True(criteria.IsMatch(new SnapshotMetadata("p", 20, t.AddMinutes(1))));
        Assert.False(criteria.IsMatch(new SnapshotMetadata("p", 21, t)));
        Assert.False(criteria.IsMatch(new SnapshotMetadata("p", 9, t)));
        Assert.False(criteria.IsMatch(new SnapshotMetadata("p", 15, t.AddMinutes(2))));
        Assert.False(SnapshotSelectionCriteria.None.IsMatch(new SnapshotMetadata("p", 1, t)));
        Assert.True(SnapshotSelectionCriteria.Latest.IsMatch(new SnapshotMetadata("p", long.MaxValue, DateTime.MaxValue)));
    }
}
