using System.Buffers;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Protocol;

/// <summary>
/// The embedded consumer protocol (protocol_type "consumer"): JoinGroup protocol metadata is a
/// <see cref="ConsumerProtocolSubscription"/> and SyncGroup assignments are a
/// <see cref="ConsumerProtocolAssignment"/>, each prefixed by its int16 version.
/// <code>
/// version int16 | body at min(version, highest known version)
/// </code>
/// Like Kafka, a version above the highest known one is read with the highest known layout and
/// trailing bytes are ignored (newer versions only append fields). Stateless and thread-safe.
/// </summary>
public static class ConsumerProtocol
{
    public static ConsumerProtocolSubscription ReadSubscription(ReadOnlyMemory<byte> data, out short version)
    {
        var reader = new KafkaReader(data);
        version = ReadVersion(ref reader, ConsumerProtocolSubscription.HighestSupportedVersion);
        return ConsumerProtocolSubscription.Read(ref reader, version);
    }

    public static ConsumerProtocolAssignment ReadAssignment(ReadOnlyMemory<byte> data, out short version)
    {
        var reader = new KafkaReader(data);
        version = ReadVersion(ref reader, ConsumerProtocolAssignment.HighestSupportedVersion);
        return ConsumerProtocolAssignment.Read(ref reader, version);
    }

    public static byte[] Write(ConsumerProtocolSubscription subscription, short version) => WriteVersioned(subscription, version);

    public static byte[] Write(ConsumerProtocolAssignment assignment, short version) => WriteVersioned(assignment, version);

    private static short ReadVersion(ref KafkaReader reader, short highest)
    {
        short version = reader.ReadInt16();
        if (version < 0)
        {
            ThrowHelper.ThrowMalformed($"Negative consumer protocol version {version}.");
        }

        return Math.Min(version, highest);
    }

    private static byte[] WriteVersioned(IKafkaMessage message, short version)
    {
        var output = new ArrayBufferWriter<byte>(2 + message.ComputeSize(version));
        var writer = new KafkaWriter(output);
        writer.WriteInt16(version);
        message.Write(ref writer, version);
        writer.Flush();
        return output.WrittenSpan.ToArray();
    }
}
