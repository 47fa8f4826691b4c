using ActorStream.Kafka.Network;
using ActorStream.Kafka.Protocol;

namespace ActorStream.Kafka.Handlers;

/// <summary>
/// Encodes a response header and body into pooled buffers the listener sends and releases; large
/// <c>records</c> fields are referenced, not copied (see <see cref="ResponsePayloadWriter"/>).
/// </summary>
public static class KafkaResponses
{
    private const int ReserveHeadroom = 16;

    public static KafkaResponse Encode(int correlationId, ApiKey apiKey, short apiVersion, IKafkaMessage body)
    {
        var headerVersion = ResponseHeader.HeaderVersion(apiKey, apiVersion);
        var size = ResponseHeader.SizeOf(headerVersion) + body.ComputeSize(apiVersion);

        // The writer reserves the largest size of a field before writing it (5 bytes for a varint, 16 for
        // a UUID), so the first chunk needs that much headroom beyond the exact encoded size. Large
        // responses (Fetch) are mostly records taken by reference, so their first chunk stays small.
        var output = new ResponsePayloadWriter(Math.Min(size + ReserveHeadroom, ResponsePayloadWriter.ChunkSize));
        try
        {
            var writer = new KafkaWriter(output);
            new ResponseHeader(correlationId).Write(ref writer, headerVersion);
            body.Write(ref writer, apiVersion);
            writer.Flush();
            return output.ToResponse();
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }
}
