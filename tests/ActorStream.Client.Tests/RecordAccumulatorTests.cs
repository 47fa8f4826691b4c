using ActorStream.Client.Producing;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Client.Tests;

public sealed class RecordAccumulatorTests
{
    private static readonly RecordCompletion s_completion = new(null, new object(), 0);

    private static AppendResult Append(RecordAccumulator accumulator, PartitionQueue queue, int size, bool abortOnNewBatch = false) =>
        accumulator.Append(queue, 1_700_000_000_000, null, new byte[size - 40], default, size, s_completion, abortOnNewBatch);

    [Fact]
    public void Append_UntilBatchSize_FillsOneBatchThenStartsAnother()
    {
        var accumulator = new RecordAccumulator(1000, CompressionCodec.None, TimeSpan.FromMinutes(2), TimeProvider.System);
        var queue = accumulator.GetQueue("t", 0);

        Assert.Equal(AppendResult.NewBatch, Append(accumulator, queue, 200));
        Assert.Equal(AppendResult.Appended, Append(accumulator, queue, 200));
        Assert.Equal(AppendResult.Appended, Append(accumulator, queue, 200));
        Assert.Equal(AppendResult.Appended, Append(accumulator, queue, 200)); // 61 + 800 bytes
        Assert.Equal(AppendResult.NewBatch, Append(accumulator, queue, 200)); // would exceed 1000

        Assert.Equal(2, queue.Batches.Count);
        Assert.Equal(4, queue.Batches.First!.Value.RecordCount);
        Assert.Equal(1, queue.Batches.Last!.Value.RecordCount);
    }

    [Fact]
    public void Append_RecordLargerThanBatchSize_GetsABatchOfItsOwn()
    {
        var accumulator = new RecordAccumulator(1000, CompressionCodec.None, TimeSpan.FromMinutes(2), TimeProvider.System);
        var queue = accumulator.GetQueue("t", 0);

        Assert.Equal(AppendResult.BatchFull, Append(accumulator, queue, 5000));
        Assert.Equal(AppendResult.NewBatch, Append(accumulator, queue, 100));
        Assert.Equal(2, queue.Batches.Count);
    }

    [Fact]
    public void Append_AbortOnNewBatch_ReportsInsteadOfCreating()
    {
        var accumulator = new RecordAccumulator(1000, CompressionCodec.None, TimeSpan.FromMinutes(2), TimeProvider.System);
        var queue = accumulator.GetQueue("t", 0);

        Assert.Equal(AppendResult.NeedsNewBatch, Append(accumulator, queue, 100, abortOnNewBatch: true));
        Assert.Empty(queue.Batches);
        Assert.Equal(AppendResult.NewBatch, Append(accumulator, queue, 100));
        Assert.Equal(AppendResult.Appended, Append(accumulator, queue, 100, abortOnNewBatch: true));
    }

    [Fact]
    public void GetQueue_SamePartition_IsTheSameQueue_AndListedOnce()
    {
        var accumulator = new RecordAccumulator(1000, CompressionCodec.None, TimeSpan.FromMinutes(2), TimeProvider.System);

        var a = accumulator.GetQueue("t", 3);
        var b = accumulator.GetQueue("t", 3);
        accumulator.GetQueue("u", 0);

        Assert.Same(a, b);
        Assert.Equal(2, accumulator.Queues.Length);
    }

    [Fact]
    public void Encode_AfterAppends_WritesAValidBatchWithTheIdempotenceFields_AndPatchesThem()
    {
        var accumulator = new RecordAccumulator(1000, CompressionCodec.None, TimeSpan.FromMinutes(2), TimeProvider.System);
        var queue = accumulator.GetQueue("t", 0);
        Append(accumulator, queue, 100);
        Append(accumulator, queue, 100);
        var batch = queue.Batches.First!.Value;

        batch.Encode(42, 3, 17);
        var encoded = RecordBatch.Create(batch.Encoded.ToArray());
        Assert.Equal(RecordBatchError.None, encoded.Validate());
        Assert.Equal((42L, (short)3, 17, 2), (encoded.ProducerId, encoded.ProducerEpoch, encoded.BaseSequence, encoded.RecordCount));

        batch.Encode(43, 0, 0); // a reset renumbers the batch in place
        var patched = RecordBatch.Create(batch.Encoded.ToArray());
        Assert.Equal(RecordBatchError.None, patched.Validate());
        Assert.Equal((43L, (short)0, 0), (patched.ProducerId, patched.ProducerEpoch, patched.BaseSequence));
        batch.Release();
    }
}
