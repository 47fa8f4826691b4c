using ActorStream.Broker.Partitions;

namespace ActorStream.Broker.Tests.Partitions;

public sealed class RecordsBufferPoolTests
{
    [Theory]
    [InlineData(1, 4096)]
    [InlineData(4096, 4096)]
    [InlineData(4097, 8192)]
    [InlineData(110_000, 131_072)]
    [InlineData(4 << 20, 4 << 20)]
    public void Rent_Length_PowerOfTwoSizeClass(int length, int expected)
    {
        var array = RecordsBufferPool.Rent(length);

        Assert.Equal(expected, array.Length);
        RecordsBufferPool.Return(array);
    }

    [Fact]
    public void Rent_BeyondLargestClass_ExactArrayNotKept()
    {
        var array = RecordsBufferPool.Rent((4 << 20) + 1);
        Assert.Equal((4 << 20) + 1, array.Length);

        var before = RecordsBufferPool.RetainedBytes;
        RecordsBufferPool.Return(array);
        Assert.Equal(before, RecordsBufferPool.RetainedBytes);
    }

    [Fact]
    public void Return_ThenRent_ReusesTheArray()
    {
        // The 4 MiB class is used by no other test, so the returned array is the next one rented.
        var array = RecordsBufferPool.Rent(3_000_000);
        RecordsBufferPool.Return(array);

        Assert.Same(array, RecordsBufferPool.Rent(4 << 20));
    }

    [Fact]
    public void RecordsBuffer_LastRelease_ArrayGoesBackToThePool()
    {
        var buffer = RecordsBuffer.Rent(3_500_000);
        var array = System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(buffer.Memory, out var segment) ? segment.Array : null;
        buffer.Retain();
        buffer.Dispose();
        buffer.Dispose();

        Assert.NotNull(array);
        Assert.Same(array, RecordsBufferPool.Rent(4 << 20));
    }
}
