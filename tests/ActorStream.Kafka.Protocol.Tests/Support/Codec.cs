using System.Buffers;

namespace ActorStream.Kafka.Protocol.Tests.Support;

/// <summary>Encoding helpers for tests.</summary>
public static class Codec
{
    public static byte[] Encode(IKafkaMessage message, short version)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new KafkaWriter(output);
        message.Write(ref writer, version);
        writer.Flush();
        Assert.Equal(writer.BytesWritten, output.WrittenCount);
        return output.WrittenSpan.ToArray();
    }

    public static T Decode<T>(byte[] bytes, short version)
        where T : IKafkaMessage<T>
    {
        var reader = new KafkaReader(bytes);
        var message = T.Read(ref reader, version);
        Assert.True(reader.End, $"{reader.Remaining} bytes left after reading {typeof(T).Name} v{version}");
        return message;
    }
}
