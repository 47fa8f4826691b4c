using System.Buffers;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;
using ActorStream.Kafka.Protocol.Tests.Support;

namespace ActorStream.Kafka.Protocol.Tests.Protocol;

/// <summary>
/// The hot paths allocate nothing beyond the message objects: batch header reads, CRC checks and
/// in-place rewrites allocate nothing; a Fetch response encodes into a pre-sized buffer without
/// allocating; a Produce request decodes without copying its records.
/// </summary>
public class HotPathAllocationTests
{
    private delegate void Action();

    private static long Allocated(Action action)
    {
        action(); // warm up (JIT, statics)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static byte[] Batch(int records, int valueSize)
    {
        using var builder = new RecordBatchBuilder();
        byte[] value = new byte[valueSize];
        for (int i = 0; i < records; i++)
        {
            builder.Append(1_700_000_000_000 + i, null, value);
        }

        return builder.Build();
    }

    [Fact]
    public void RecordBatchHeaderValidateAndRewrite_AllocateNothing()
    {
        byte[] bytes = Batch(100, 100);
        long sink = 0;
        long allocated = Allocated(() =>
        {
            ReadOnlyMemory<byte> rest = bytes;
            RecordBatch.TryReadNext(ref rest, out var batch);
            sink += batch.BaseOffset + batch.RecordCount + batch.MaxTimestamp + (long)batch.Compression;
            sink += (long)batch.Validate();
            RecordBatch.SetBaseOffset(bytes, sink);
            RecordBatch.SetPartitionLeaderEpoch(bytes, 1);
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void RecordReader_IteratingUncompressedBatch_AllocatesNothing()
    {
        var batch = RecordBatch.Create(Batch(50, 10));
        int total = 0;
        long allocated = Allocated(() =>
        {
            foreach (var record in batch.GetRecords())
            {
                total += record.Value.Length + record.OffsetDelta;
            }
        });

        Assert.Equal(0, allocated);
        Assert.True(total > 0);
    }

    [Fact]
    public void TryFindRecordByTimestamp_UncompressedBatch_AllocatesNothing()
    {
        var batch = RecordBatch.Create(Batch(50, 10));
        long sink = 0;
        long allocated = Allocated(() =>
        {
            batch.TryFindRecordByTimestamp(1_700_000_000_040, 0, out long offset, out long timestamp);
            sink += offset + timestamp;
        });

        Assert.Equal(0, allocated);
        Assert.Equal(101 * (40 + 1_700_000_000_040), sink);
    }

    [Fact]
    public void FetchResponseEncode_IntoPresizedBuffer_AllocatesNothing()
    {
        byte[] records = Batch(100, 1000);
        var response = new FetchResponse
        {
            Responses =
            [
                new()
                {
                    Topic = "orders",
                    Partitions =
                    [
                        new() { PartitionIndex = 0, HighWatermark = 100, LastStableOffset = 100, LogStartOffset = 0, AbortedTransactions = [], Records = records },
                        new() { PartitionIndex = 1, HighWatermark = 5, LastStableOffset = 5, LogStartOffset = 0, AbortedTransactions = [], Records = ReadOnlyMemory<byte>.Empty },
                    ],
                },
            ],
        };
        var output = new ArrayBufferWriter<byte>(2 * records.Length);
        foreach (short version in new short[] { 4, 11, 12 })
        {
            long allocated = Allocated(() =>
            {
                output.ResetWrittenCount();
                KafkaFrame.WriteResponse(output, 1, ApiKey.Fetch, version, response);
            });

            Assert.Equal(0, allocated);
            Assert.True(output.WrittenCount > records.Length);
        }
    }

    [Fact]
    public void ProduceRequestDecode_LargeRecords_AreNotCopied()
    {
        byte[] records = Batch(1000, 1000);
        var request = new ProduceRequest
        {
            Acks = -1,
            TimeoutMs = 30000,
            TopicData = [new() { Name = "orders", PartitionData = [new() { Index = 0, Records = records }] }],
        };
        foreach (short version in new short[] { 3, 7, 9 })
        {
            byte[] body = Codec.Encode(request, version);
            ProduceRequest? decoded = null;
            long allocated = Allocated(() =>
            {
                var reader = new KafkaReader(body);
                decoded = ProduceRequest.Read(ref reader, version);
            });

            // Message objects, two lists and a topic name per call; the 1 MB of records is a slice.
            Assert.InRange(allocated / 100, 1, 1024);
            var slice = decoded!.TopicData[0].PartitionData[0].Records!.Value;
            Assert.Equal(records.Length, slice.Length);
            Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(slice, out var segment));
            Assert.Same(body, segment.Array);
        }
    }
}
