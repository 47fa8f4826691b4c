using System.Buffers;
using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;
using ActorStream.Kafka.Protocol.Records;

namespace ActorStream.Kafka.Tests;

public sealed class KafkaResponsesTests
{
    [Fact]
    public void Encode_FetchWithStoredBatches_ReferencesThemAndMatchesTheCopyingEncoding()
    {
        var batches = new[] { Filled(40_000, 1), Filled(70_000, 2), Filled(500, 3) };
        var response = Fetch(RecordsSequence.Create(batches.Select(b => (ReadOnlyMemory<byte>)b).ToList(), batches.Sum(b => b.Length)));

        var encoded = KafkaResponses.Encode(17, ApiKey.Fetch, 12, response);

        Assert.False(encoded.PayloadSequence.IsSingleSegment);
        Assert.Equal(CopyingEncoding(17, 12, Fetch(batches.SelectMany(b => b).ToArray())), encoded.Payload.ToArray());
        var referenced = 0;
        foreach (var segment in encoded.PayloadSequence)
        {
            foreach (var batch in batches)
            {
                if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(segment, out var array) && ReferenceEquals(array.Array, batch))
                {
                    referenced++;
                }
            }
        }

        Assert.Equal(3, referenced);
    }

    [Fact]
    public void Encode_SmallResponse_OneContiguousPayload()
    {
        var response = new ProduceResponse();
        response.Responses.Add(new ProduceResponse.TopicProduceResponse
        {
            Name = "t",
            PartitionResponses = [new ProduceResponse.PartitionProduceResponse { Index = 1, BaseOffset = 42 }],
        });

        var encoded = KafkaResponses.Encode(5, ApiKey.Produce, 9, response);

        Assert.True(encoded.PayloadSequence.IsSingleSegment);
        Assert.Equal(CopyingEncoding(5, 9, response, ApiKey.Produce), encoded.Payload.ToArray());
    }

    [Fact]
    public void Encode_LargeResponseWithoutRecords_SpansSeveralChunksInOrder()
    {
        var response = new MetadataResponse();
        for (var i = 0; i < 3000; i++)
        {
            response.Topics.Add(new MetadataResponse.MetadataResponseTopic { Name = "topic-with-a-long-name-" + i });
        }

        var encoded = KafkaResponses.Encode(9, ApiKey.Metadata, 12, response);

        Assert.False(encoded.PayloadSequence.IsSingleSegment);
        Assert.Equal(CopyingEncoding(9, 12, response, ApiKey.Metadata), encoded.Payload.ToArray());
    }

    [Fact]
    public void Dispose_AfterReferencingASequence_ReleasesItsLease()
    {
        var lease = new CountingLease();
        var records = RecordsSequence.Create([Filled(5000, 1), Filled(5000, 2)], 10_000, lease);
        var writer = new ResponsePayloadWriter(256);
        var kafka = new KafkaWriter(writer);
        Fetch(records).Write(ref kafka, 12);
        kafka.Flush();
        var response = writer.ToResponse();

        Assert.Equal(0, lease.Released);
        Assert.Equal(writer.Length, response.PayloadSequence.Length);
        writer.Dispose();
        Assert.Equal(1, lease.Released);
    }

    private static FetchResponse Fetch(ReadOnlyMemory<byte> records)
    {
        var response = new FetchResponse();
        response.Responses.Add(new FetchResponse.FetchableTopicResponse
        {
            Topic = "t",
            Partitions =
            [
                new FetchResponse.PartitionData { PartitionIndex = 0, HighWatermark = 5, Records = ReadOnlyMemory<byte>.Empty },
                new FetchResponse.PartitionData { PartitionIndex = 1, HighWatermark = 9, Records = records },
            ],
        });
        return response;
    }

    private static byte[] CopyingEncoding(int correlationId, short version, IKafkaMessage body, ApiKey apiKey = ApiKey.Fetch)
    {
        var output = new ArrayBufferWriter<byte>();
        KafkaFrame.WriteResponse(output, correlationId, apiKey, version, body);
        return output.WrittenSpan[4..].ToArray();
    }

    private static byte[] Filled(int length, byte seed)
    {
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(seed * 31 + i);
        }

        return bytes;
    }

    private sealed class CountingLease : IDisposable
    {
        public int Released { get; private set; }

        public void Dispose() => Released++;
    }
}
