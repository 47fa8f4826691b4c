using System.Buffers;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Kafka.Protocol.Tests.Protocol.Records;

public class RecordsSequenceTests
{
    private static readonly byte[] s_a = Filled(3000, 1);
    private static readonly byte[] s_b = Filled(10, 2);
    private static readonly byte[] s_c = Filled(5000, 3);

    [Fact]
    public void Create_OneSegmentWithoutLease_ReturnsTheSegmentItself()
    {
        var records = RecordsSequence.Create([s_a.AsMemory(5, 100)], 100);

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(records, out var array));
        Assert.Same(s_a, array.Array);
        Assert.Equal(5, array.Offset);
        Assert.False(RecordsSequence.TryGetSegments(records, out _));
    }

    [Fact]
    public void Create_LargeSegments_CopiesNothing()
    {
        var big = new byte[200_000];
        var segments = new List<ReadOnlyMemory<byte>> { big, big, big };
        RecordsSequence.Create(segments, 3 * big.Length);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var records = RecordsSequence.Create(segments, 3 * big.Length);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(3 * big.Length, records.Length);
        Assert.InRange(allocated, 0, 1024);
    }

    [Fact]
    public void Create_NoSegments_IsEmpty()
    {
        Assert.True(RecordsSequence.Create([], 0).IsEmpty);
    }

    [Fact]
    public void Span_SeveralSegments_IsTheirConcatenation()
    {
        var records = RecordsSequence.Create([s_a, s_b, s_c], s_a.Length + s_b.Length + s_c.Length);

        Assert.Equal(Concat(s_a, s_b, s_c), records.ToArray());
        Assert.True(RecordsSequence.TryGetSegments(records, out var sequence));
        Assert.Equal(3, sequence!.Segments.Length);
    }

    [Fact]
    public void Create_WrongTotal_Throws()
    {
        Assert.Throws<ArgumentException>(() => RecordsSequence.Create([s_a, s_b], 1));
    }

    [Fact]
    public void TryGetSegments_SliceOfASequence_False()
    {
        var records = RecordsSequence.Create([s_a, s_b], s_a.Length + s_b.Length);

        Assert.False(RecordsSequence.TryGetSegments(records[1..], out _));
        Assert.Equal(Concat(s_a, s_b)[1..], records[1..].ToArray());
    }

    [Fact]
    public void Dispose_WithLease_ReleasesItOnce()
    {
        var lease = new CountingLease();
        var records = RecordsSequence.Create([s_a], s_a.Length, lease);
        Assert.True(RecordsSequence.TryGetSegments(records, out var sequence));

        ((IDisposable)sequence!).Dispose();
        ((IDisposable)sequence).Dispose();

        Assert.Equal(1, lease.Released);
    }

    [Fact]
    public void WriteRecords_SinkOutput_HandsLargeSegmentsOverByReference()
    {
        var records = RecordsSequence.Create([s_a, s_b, s_c], s_a.Length + s_b.Length + s_c.Length);
        var sink = new RecordingSink();
        var writer = new KafkaWriter(sink);

        writer.WriteInt16(7);
        writer.WriteRecords(records, compact: true);
        writer.WriteInt16(8);
        writer.WriteRecords(s_b, compact: false);
        writer.Flush();

        Assert.Equal(1, sink.References);
        Assert.Equal(ExpectedEncoding(records, s_b), sink.Bytes);
        Assert.Equal(sink.Bytes.Length, writer.BytesWritten);
    }

    [Fact]
    public void WriteRecords_SmallSequence_StillGoesToTheSink()
    {
        // A sequence may carry a lease only the sink releases, so even a tiny one is referenced.
        var records = RecordsSequence.Create([s_b], s_b.Length, new CountingLease());
        var sink = new RecordingSink();
        var writer = new KafkaWriter(sink);

        writer.WriteRecords(records, compact: false);
        writer.Flush();

        Assert.Equal(1, sink.References);
        Assert.Equal(4 + s_b.Length, sink.Bytes.Length);
    }

    [Fact]
    public void WriteRecords_PlainOutput_CopiesTheConcatenation()
    {
        var records = RecordsSequence.Create([s_a, s_b, s_c], s_a.Length + s_b.Length + s_c.Length);
        var output = new ArrayBufferWriter<byte>();
        var writer = new KafkaWriter(output);

        writer.WriteInt16(7);
        writer.WriteRecords(records, compact: true);
        writer.WriteInt16(8);
        writer.WriteRecords(s_b, compact: false);
        writer.Flush();

        Assert.Equal(ExpectedEncoding(records, s_b), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void FetchResponse_SequenceRecords_DecodesToTheConcatenatedBatches()
    {
        var records = RecordsSequence.Create([s_a, s_c], s_a.Length + s_c.Length);
        var response = new FetchResponse();
        response.Responses.Add(new FetchResponse.FetchableTopicResponse
        {
            Topic = "t",
            Partitions = [new FetchResponse.PartitionData { PartitionIndex = 2, HighWatermark = 9, Records = records }],
        });
        var sink = new RecordingSink();
        var writer = new KafkaWriter(sink);

        response.Write(ref writer, 12);
        writer.Flush();

        Assert.Equal(response.ComputeSize(12), sink.Bytes.Length);
        var reader = new KafkaReader(sink.Bytes);
        var decoded = FetchResponse.Read(ref reader, 12);
        Assert.Equal(Concat(s_a, s_c), decoded.Responses[0].Partitions[0].Records!.Value.ToArray());
    }

    private static byte[] ExpectedEncoding(ReadOnlyMemory<byte> compactRecords, byte[] classicRecords)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new KafkaWriter(output);
        writer.WriteInt16(7);
        writer.WriteBytes(compactRecords.ToArray(), compact: true);
        writer.WriteInt16(8);
        writer.WriteBytes(classicRecords, compact: false);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Filled(int length, byte seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(seed + i);
        }

        return bytes;
    }

    private static byte[] Concat(params byte[][] parts)
    {
        var all = new List<byte>();
        foreach (var part in parts)
        {
            all.AddRange(part);
        }

        return [.. all];
    }

    /// <summary>Collects encoded bytes and referenced records in order, counting references.</summary>
    private sealed class RecordingSink : IBufferWriter<byte>, IRecordsSink
    {
        private readonly List<byte> _bytes = [];
        private byte[] _current = [];

        public int References { get; private set; }

        public byte[] Bytes => [.. _bytes];

        public void Advance(int count) => _bytes.AddRange(_current.AsSpan(0, count));

        public Memory<byte> GetMemory(int sizeHint = 0) => _current = new byte[Math.Max(sizeHint, 256)];

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public void AppendRecords(ReadOnlyMemory<byte> records)
        {
            References++;
            if (RecordsSequence.TryGetSegments(records, out var sequence))
            {
                foreach (var segment in sequence!.Segments)
                {
                    _bytes.AddRange(segment.Span);
                }
            }
            else
            {
                _bytes.AddRange(records.Span);
            }
        }
    }

    private sealed class CountingLease : IDisposable
    {
        public int Released { get; private set; }

        public void Dispose() => Released++;
    }
}
