using Xunit;

namespace ActorStream.Persistence.Tck;

public abstract partial class JournalSpec
{
    [Fact]
    public async Task ReplayMessages_AllWritten_ReplaysEveryEventInOrderWithMetadata()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 5);

        var events = await ReplayAsync(pid);

        AssertSequence(events, pid, 1, 5);
        foreach (var e in events)
        {
            Assert.Equal(WriterGuid, e.WriterGuid);
            Assert.True(e.Timestamp > 0, "the journal stamps a timestamp on events written with 0");
            Assert.False(e.IsDeleted);
            Assert.Null(e.Ordering);
        }
    }

    [Fact]
    public async Task ReplayMessages_FromTo_ReplaysInclusiveRange()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 5);

        AssertSequence(await ReplayAsync(pid, 2, 4), pid, 2, 4);
        AssertSequence(await ReplayAsync(pid, 3, 3), pid, 3, 3);
        AssertSequence(await ReplayAsync(pid, 4, long.MaxValue), pid, 4, 5);
    }

    [Fact]
    public async Task ReplayMessages_Max_StopsAfterMaxEvents()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 5);

        AssertSequence(await ReplayAsync(pid, 1, 5, max: 2), pid, 1, 2);
        AssertSequence(await ReplayAsync(pid, 2, 5, max: 3), pid, 2, 4);
        AssertSequence(await ReplayAsync(pid, 1, 5, max: 10), pid, 1, 5);
    }

    [Fact]
    public async Task ReplayMessages_MaxZeroOrEmptyRange_ReplaysNothing()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 5);

        Assert.Empty(await ReplayAsync(pid, 1, 5, max: 0));
        Assert.Empty(await ReplayAsync(pid, 4, 3));
        Assert.Empty(await ReplayAsync(pid, 6, long.MaxValue));
    }

    [Fact]
    public async Task ReplayMessages_UnknownPersistenceId_ReplaysNothing()
    {
        await WriteAsync(NewPersistenceId(), 1, 3);

        Assert.Empty(await ReplayAsync(NewPersistenceId("unknown")));
    }

    [Fact]
    public async Task ReadHighestSequenceNr_NothingWritten_ReturnsZero()
    {
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(NewPersistenceId(), 0));
    }

    [Fact]
    public async Task ReadHighestSequenceNr_AfterWrites_ReturnsHighest()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 7);

        Assert.Equal(7, await Journal.ReadHighestSequenceNrAsync(pid, 0));
        Assert.Equal(7, await Journal.ReadHighestSequenceNrAsync(pid, 3));
    }

    [Fact]
    public async Task ReadHighestSequenceNr_WriteInFlight_ObservesTheWrite()
    {
        var pid = NewPersistenceId();
        var write = Journal.WriteMessagesAsync(Writes(pid, 1, 3));

        var highest = await Journal.ReadHighestSequenceNrAsync(pid, 0);

        AssertAllStored(await write);
        Assert.Equal(3, highest);
    }

    [Fact]
    public async Task DeleteMessagesTo_ThenReplay_ReplaysOnlyLaterEvents()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 5);

        await Journal.DeleteMessagesToAsync(pid, 3);

        AssertSequence(await ReplayAsync(pid), pid, 4, 5);
        AssertSequence(await ReplayAsync(pid, 2, 4), pid, 4, 4);
    }

    [Fact]
    public async Task ReadHighestSequenceNr_AfterDeletingEverything_KeepsHighest()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 5);

        await Journal.DeleteMessagesToAsync(pid, long.MaxValue);

        Assert.Empty(await ReplayAsync(pid));
        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(pid, 0));

        await WriteAsync(pid, 6, 6);
        Assert.Equal(6, await Journal.ReadHighestSequenceNrAsync(pid, 0));
        AssertSequence(await ReplayAsync(pid), pid, 6, 6);
    }

    [Fact]
    public async Task ReadHighestSequenceNr_AfterPartialDelete_KeepsHighest()
    {
        var pid = NewPersistenceId();
        await WriteAsync(pid, 1, 5);

        await Journal.DeleteMessagesToAsync(pid, 2);
        await Journal.DeleteMessagesToAsync(pid, 1);

        Assert.Equal(5, await Journal.ReadHighestSequenceNrAsync(pid, 0));
        AssertSequence(await ReplayAsync(pid), pid, 3, 5);
    }

    [Fact]
    public async Task DeleteMessagesTo_UnknownPersistenceId_LeavesHighestAtZero()
    {
        var pid = NewPersistenceId();

        await Journal.DeleteMessagesToAsync(pid, 10);

        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(pid, 0));
    }
}
