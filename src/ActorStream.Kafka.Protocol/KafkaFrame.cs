using System.Buffers;
using System.Buffers.Binary;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Protocol;

/// <summary>
/// Length-prefixed framing: every request and response is
/// <code>
/// size int32 (bytes that follow) | header | body
/// </code>
/// Frames are written size-first (header and body sizes are computed before any byte is
/// written), so a response streams straight into a PipeWriter without back-patching.
/// Stateless and thread-safe.
/// </summary>
public static class KafkaFrame
{
    /// <summary>Kafka's default socket.request.max.bytes (100 MiB).</summary>
    public const int DefaultMaxFrameSize = 100 * 1024 * 1024;

    /// <summary>
    /// Slices one complete frame (without its size prefix) off the front of
    /// <paramref name="buffer"/>. Returns false when more bytes are needed. The size prefix is
    /// checked against <paramref name="maxFrameSize"/> before the body arrives.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameSize, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        int size = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (size < 0 || size > maxFrameSize)
        {
            ThrowHelper.ThrowMalformed($"Frame size {size} is outside 0..{maxFrameSize}.");
        }

        if (buffer.Length - 4 < size)
        {
            return false;
        }

        frame = buffer.Slice(4, size);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    /// <summary>Writes a whole request frame: size, header, body.</summary>
    public static void WriteRequest(IBufferWriter<byte> output, in RequestHeader header, IKafkaMessage body)
    {
        int size = header.ComputeSize() + body.ComputeSize(header.ApiVersion);
        var writer = new KafkaWriter(output);
        writer.WriteInt32(size);
        header.Write(ref writer);
        body.Write(ref writer, header.ApiVersion);
        writer.Flush();
    }

    /// <summary>Writes a whole response frame: size, header (version chosen per API), body.</summary>
    public static void WriteResponse(IBufferWriter<byte> output, int correlationId, ApiKey apiKey, short apiVersion, IKafkaMessage body)
    {
        short headerVersion = ResponseHeader.HeaderVersion(apiKey, apiVersion);
        int size = ResponseHeader.SizeOf(headerVersion) + body.ComputeSize(apiVersion);
        var writer = new KafkaWriter(output);
        writer.WriteInt32(size);
        new ResponseHeader(correlationId).Write(ref writer, headerVersion);
        body.Write(ref writer, apiVersion);
        writer.Flush();
    }

    /// <summary>
    /// Reads the header and body of a request frame (size prefix already removed). A broker checks
    /// <see cref="ApiVersionTable.IsSupported"/> on the header first (ApiVersions above the
    /// supported range must be answered with UNSUPPORTED_VERSION, not parsed); versions outside
    /// the codec's range throw <see cref="KafkaProtocolException"/>.
    /// </summary>
    public static IKafkaRequest ReadRequest(ReadOnlyMemory<byte> frame, out RequestHeader header)
    {
        var reader = new KafkaReader(frame);
        header = RequestHeader.Read(ref reader);
        return ApiMessages.ReadRequest(header.ApiKey, ref reader, header.ApiVersion);
    }

    /// <summary>Reads the header and body of a response frame (size prefix already removed).</summary>
    public static IKafkaResponse ReadResponse(ReadOnlyMemory<byte> frame, ApiKey apiKey, short apiVersion, out ResponseHeader header)
    {
        var reader = new KafkaReader(frame);
        header = ResponseHeader.Read(ref reader, ResponseHeader.HeaderVersion(apiKey, apiVersion));
        return ApiMessages.ReadResponse(apiKey, ref reader, apiVersion);
    }
}
