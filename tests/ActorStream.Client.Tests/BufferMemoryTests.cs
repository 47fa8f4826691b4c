using ActorStream.Client.Producing;

namespace ActorStream.Client.Tests;

public sealed class BufferMemoryTests
{
    [Fact]
    public void TryReserve_WithinBudget_Succeeds_AndReleaseGivesItBack()
    {
        var memory = new BufferMemory(100, TimeProvider.System);

        Assert.True(memory.TryReserve(60));
        Assert.False(memory.TryReserve(60));
        memory.Release(60);
        Assert.True(memory.TryReserve(100));
        Assert.Equal(0, memory.Available);
    }

    [Fact]
    public async Task ReserveAsync_Exhausted_WaitsUntilReleased()
    {
        var memory = new BufferMemory(100, TimeProvider.System);
        var exhausted = 0;
        memory.Exhausted += () => Interlocked.Increment(ref exhausted);
        Assert.True(memory.TryReserve(100));

        var waiting = memory.ReserveAsync(50, TimeSpan.FromSeconds(30), CancellationToken.None).AsTask();

        Assert.False(waiting.IsCompleted);
        Assert.True(memory.HasWaiters);
        Assert.Equal(1, exhausted);
        memory.Release(50);
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(memory.HasWaiters);
    }

    [Fact]
    public async Task ReserveAsync_Waiters_AreServedFirstComeFirstServed()
    {
        var memory = new BufferMemory(100, TimeProvider.System);
        Assert.True(memory.TryReserve(100));
        var big = memory.ReserveAsync(80, TimeSpan.FromSeconds(30), CancellationToken.None).AsTask();
        var small = memory.ReserveAsync(10, TimeSpan.FromSeconds(30), CancellationToken.None).AsTask();

        memory.Release(20); // enough for the small one, but the big one came first
        Assert.False(small.IsCompleted);
        Assert.False(memory.TryReserve(10));

        memory.Release(80);
        Assert.True(await big.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(await small.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(10, memory.Available);
    }

    [Fact]
    public async Task ReserveAsync_NotReleasedInTime_ReturnsFalseAndLeavesTheQueue()
    {
        var memory = new BufferMemory(100, TimeProvider.System);
        Assert.True(memory.TryReserve(100));

        Assert.False(await memory.ReserveAsync(10, TimeSpan.FromMilliseconds(50), CancellationToken.None));

        Assert.False(memory.HasWaiters);
        memory.Release(100);
        Assert.Equal(100, memory.Available);
    }

    [Fact]
    public async Task Reserve_Blocking_TimesOutOrIsWokenByRelease()
    {
        var memory = new BufferMemory(100, TimeProvider.System);
        Assert.True(memory.TryReserve(100));
        Assert.False(memory.Reserve(10, TimeSpan.FromMilliseconds(50)));

        var released = Task.Run(async () =>
        {
            while (!memory.HasWaiters)
            {
                await Task.Delay(5);
            }

            memory.Release(30);
        });
        Assert.True(memory.Reserve(30, TimeSpan.FromSeconds(30)));
        await released;
        Assert.Equal(0, memory.Available);
    }
}
