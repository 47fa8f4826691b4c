namespace ActorStream.Kafka.Network.Tests;

public sealed class RequestQueueTests
{
    [Fact]
    public async Task WaitForSpaceAsync_Full_CompletesWhenTheOldestIsReleased()
    {
        var queue = new RequestQueue(2);
        Publish(queue, 0);
        Publish(queue, 1);
        Assert.False(queue.HasSpace);

        var waiting = queue.WaitForSpaceAsync();
        Assert.False(waiting.IsCompleted);
        Assert.True(queue.TryPeek(out var index));
        var buffer = queue.Release(index);

        Assert.True(await waiting);
        Assert.NotNull(buffer);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task WaitForItemAsync_Empty_CompletesOnPublishAndEndsAfterCompleteAdding()
    {
        var queue = new RequestQueue(4);
        var waiting = queue.WaitForItemAsync();
        Assert.False(waiting.IsCompleted);

        Publish(queue, 0);
        Assert.True(await waiting);
        Assert.True(queue.TryPeek(out var index));
        var response = await queue.GetResponseAsync(index);
        Assert.Equal(KafkaResponseKind.NoResponse, response.Kind);
        queue.Release(index);

        var ending = queue.WaitForItemAsync();
        queue.CompleteAdding();
        Assert.False(await ending);
    }

    [Fact]
    public async Task CloseProducer_WaitingForSpace_CompletesWithFalse()
    {
        var queue = new RequestQueue(1);
        Publish(queue, 0);
        var waiting = queue.WaitForSpaceAsync();

        queue.CloseProducer();

        Assert.False(await waiting);
        Assert.False(await queue.WaitForSpaceAsync());
    }

    [Fact]
    public void TryDetach_SlotReleasedOrReused_Refused()
    {
        var queue = new RequestQueue(1);
        var buffer = new byte[8];
        var slot = queue.Reserve(buffer, sequence: 0, 0, 0, 0);
        queue.Publish(slot, default);

        Assert.True(queue.TryDetach(slot, 0, buffer));
        Assert.False(queue.TryDetach(slot, 0, buffer));
        Assert.Null(queue.Release(slot));
        Assert.False(queue.TryDetach(slot, 0, buffer));
    }

    [Fact]
    public void Ring_ManyRounds_PreservesOrder()
    {
        var queue = new RequestQueue(3);
        long next = 0;
        for (var released = 0; released < 100; released++)
        {
            while (queue.HasSpace)
            {
                Publish(queue, next++);
            }

            Assert.Equal(3, queue.Count);
            Assert.True(queue.TryPeek(out var index));
            Assert.Equal((byte)released, queue.Release(index)![0]);
        }
    }

    private static void Publish(RequestQueue queue, long sequence)
    {
        var buffer = new byte[8];
        buffer[0] = (byte)sequence;
        var slot = queue.Reserve(buffer, sequence, 0, 0, (int)sequence);
        queue.Publish(slot, default);
    }
}
