using ActorStream.Actor;
using ActorStream.Dispatch;

namespace ActorStream.Actors.Tests;

/// <summary>The mailbox hot path must not allocate per message (the benchmark's ZeroAlloc gate, as a spec).</summary>
public sealed class AllocationTests
{
    [Fact]
    public void MessageQueue_EnqueueDequeueSteadyState_AllocatesNothing()
    {
        var queue = new MessageQueue();
        var message = new object();
        Assert.Equal(4096, Cycle(queue, message, 4096)); // let the queue grow its segments first

        var drained = 0L;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 100; round++)
        {
            drained += Cycle(queue, message, 1024);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100 * 1024, drained);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void BoundedMessageQueue_BeyondCapacity_RefusesWithoutAllocating()
    {
        var queue = new BoundedMessageQueue(16);
        var message = new object();
        for (var i = 0; i < 16; i++)
        {
            Assert.True(queue.TryEnqueue(new Envelope(message, null)));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.False(queue.TryEnqueue(new Envelope(message, null)));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(16, queue.Count);
    }

    private static int Cycle(MessageQueue queue, object message, int count)
    {
        for (var i = 0; i < count; i++)
        {
            queue.TryEnqueue(new Envelope(message, null));
        }

        var drained = 0;
        while (queue.TryDequeue(out _))
        {
            drained++;
        }

        return drained;
    }
}
