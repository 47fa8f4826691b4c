namespace ActorStream.Persistence.Sql.Tests;

public sealed class DeferredSyncLoopTests
{
    private const int Iterations = 1_000_000;

    [Fact]
    public async Task WaitForRoomAsync_RacingTheSyncLoop_AlwaysCompletes()
    {
        // The writer loop's cycle: enqueue a committed batch, then wait until the sync loop took it.
        // The wait registers its waiter while the sync loop drains concurrently; a waiter the sync
        // loop misses is never completed and the journal stops acknowledging writes. The race is
        // narrow (a store-load reordering): before the fix it showed up about once in 2 M cycles,
        // hence the many iterations (about 15 s).
        var writer = new NoOpSyncWriter();
        var loop = new DeferredSyncLoop(writer, (_, _) => { });
        var deadline = TimeSpan.FromSeconds(10);
        var acknowledged = new Task[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            var call = new JournalCall(1);
            call.AddParts(1);
            acknowledged[i] = call.Task;
            loop.Enqueue([JournalRequest.Write([], [0], [0], call, 0)]);
            var room = loop.WaitForRoomAsync();
            if (!room.IsCompleted)
            {
                var waited = room.AsTask();
                var finished = await Task.WhenAny(waited, Task.Delay(deadline));
                Assert.True(finished == waited, $"WaitForRoomAsync did not complete within {deadline} at iteration {i}");
            }
        }

        await loop.CompleteAsync();
        Assert.All(acknowledged, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.InRange(writer.Syncs, 1, Iterations);
    }

    private sealed class NoOpSyncWriter : IJournalBatchWriter
    {
        public int Syncs;

        public bool DefersSync => true;

        public ValueTask CommitAsync(IReadOnlyList<JournalRequest> batch, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask SyncAsync(CancellationToken cancellationToken)
        {
            Syncs++;
            return ValueTask.CompletedTask;
        }

        public ValueTask DeleteToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
