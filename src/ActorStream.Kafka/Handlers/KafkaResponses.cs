using System.Buffers;
using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Kafka.Handlers;

/// <summary>Encodes a response header and body into a pooled buffer the listener sends and releases.</summary>
public static class KafkaResponses
{
    private const int ReserveHeadroom = 16;

    public static KafkaResponse Encode(int correlationId, ApiKey apiKey, short apiVersion, IKafkaMessage body)
    {
        var headerVersion = ResponseHeader.HeaderVersion(apiKey, apiVersion);
        var size = ResponseHeader.SizeOf(headerVersion) + body.ComputeSize(apiVersion);
        // The writer reserves the largest size of a field before writing it (5 bytes for a varint, 16 for
        // a UUID), so the buffer needs that much headroom beyond the exact encoded size.
        var buffer = ArrayPool<byte>.Shared.Rent(size + ReserveHeadroom);
        var output = new FixedBufferWriter(buffer);
        var writer = new KafkaWriter(output);
        new ResponseHeader(correlationId).Write(ref writer, headerVersion);
        body.Write(ref writer, apiVersion);
        writer.Flush();
        return KafkaResponse.FromRentedArray(buffer, output.Written);
    }

    /// <summary>An IBufferWriter over one array of the exact size computed beforehand.</summary>
    private sealed class FixedBufferWriter(byte[] buffer) : IBufferWriter<byte>
    {
        public int Written { get; private set; }

        public void Advance(int count) => Written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => buffer.AsMemory(Written);

        public Span<byte> GetSpan(int sizeHint = 0) => buffer.AsSpan(Written);
    }
}
