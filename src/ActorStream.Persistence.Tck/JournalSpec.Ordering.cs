using ActorStream.Persistence.Journal;
using Xunit;

namespace ActorStream.Persistence.Tck;

public abstract partial class JournalSpec
{
    /// <summary>Writes seq 1..5: [0,9]@100, [10,19]@200, [20,29]@300, no key, [40,49]@500.</summary>
    private async Task<string> WriteOrderedAsync()
    {
        var pid = NewPersistenceId("ordered");
        AssertAllStored(await Journal.WriteMessagesAsync([
            new AtomicWrite(Event(pid, 1, ordering: new EventOrdering(0, 9, 100))),
            new AtomicWrite(Event(pid, 2, ordering: new EventOrdering(10, 19, 200))),
            new AtomicWrite(Event(pid, 3, ordering: new EventOrdering(20, 29, 300))),
            new AtomicWrite(Event(pid, 4)),
            new AtomicWrite(Event(pid, 5, ordering: new EventOrdering(40, 49, 500))),
        ]));
        return pid;
    }

    [Theory]
    [InlineData(-5, 1)]
    [InlineData(0, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    [InlineData(15, 2)]
    [InlineData(29, 3)]
    [InlineData(30, 5)]
    [InlineData(35, 5)]
    [InlineData(49, 5)]
    public async Task FindByOffset_OffsetInsideOrBeforeAnEvent_FindsThatEvent(long offset, long expectedSequenceNr)
    {
        var pid = await WriteOrderedAsync();

        var found = await Ordered.FindByOffsetAsync(pid, offset);

        Assert.NotNull(found);
        Assert.Equal(expectedSequenceNr, found.Value.SequenceNr);
        Assert.True(found.Value.Ordering.LastOffset >= offset);
    }

    [Fact]
    public async Task FindByOffset_PastTheEnd_ReturnsNull()
    {
        var pid = await WriteOrderedAsync();

        Assert.Null(await Ordered.FindByOffsetAsync(pid, 50));
        Assert.Null(await Ordered.FindByOffsetAsync(NewPersistenceId("none"), 0));
    }

    [Fact]
    public async Task FindByOffset_AfterDelete_SkipsDeletedEvents()
    {
        var pid = await WriteOrderedAsync();

        await Journal.DeleteMessagesToAsync(pid, 2);

        var found = await Ordered.FindByOffsetAsync(pid, 5);
        Assert.Equal(3, found?.SequenceNr);
        Assert.Equal(new EventOrdering(20, 29, 300), found?.Ordering);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(100, 1)]
    [InlineData(101, 2)]
    [InlineData(250, 3)]
    [InlineData(300, 3)]
    [InlineData(301, 5)]
    [InlineData(500, 5)]
    public async Task FindByTimestamp_Timestamp_FindsFirstEventAtOrAfterIt(long timestampMs, long expectedSequenceNr)
    {
        var pid = await WriteOrderedAsync();

        var found = await Ordered.FindByTimestampAsync(pid, timestampMs);

        Assert.Equal(expectedSequenceNr, found?.SequenceNr);
    }

    [Fact]
    public async Task FindByTimestamp_AfterTheLastEvent_ReturnsNull()
    {
        var pid = await WriteOrderedAsync();

        Assert.Null(await Ordered.FindByTimestampAsync(pid, 501));
    }

    [Fact]
    public async Task ReplayMessages_OrderedEvents_CarryTheirOrderingKey()
    {
        var pid = await WriteOrderedAsync();

        var events = await ReplayAsync(pid);

        Assert.Equal(new EventOrdering(10, 19, 200), events[1].Ordering);
        Assert.Null(events[3].Ordering);
        Assert.Equal(new EventOrdering(40, 49, 500), events[4].Ordering);
    }

    [Fact]
    public async Task FindByOffset_PayloadImplementsIHasOrderingKey_IndexesThePayloadKey()
    {
        var pid = NewPersistenceId("keyed");
        AssertAllStored(await Journal.WriteMessagesAsync([
            new AtomicWrite(Event(pid, 1, new OrderedBatch(0, 99, 1_000, "first"))),
            new AtomicWrite(Event(pid, 2, new OrderedBatch(100, 149, 2_000, "second"))),
        ]));

        var byOffset = await Ordered.FindByOffsetAsync(pid, 120);
        var byTime = await Ordered.FindByTimestampAsync(pid, 1_500);
        var events = await ReplayAsync(pid);

        Assert.Equal(new EventPosition(2, new EventOrdering(100, 149, 2_000)), byOffset);
        Assert.Equal(2, byTime?.SequenceNr);
        Assert.Equal(new OrderedBatch(100, 149, 2_000, "second"), events[1].Payload);
    }
}
