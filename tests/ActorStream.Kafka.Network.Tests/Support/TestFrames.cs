using System.Buffers.Binary;

namespace ActorStream.Kafka.Network.Tests.Support;

/// <summary>Builds request frames (size prefix included) the way a client writes them.</summary>
internal static class TestFrames
{
    /// <summary>A frame: size prefix, api key, api version, correlation id, then <paramref name="bodyLength"/> bytes derived from the correlation id.</summary>
    public static byte[] Request(short apiKey, short apiVersion, int correlationId, int bodyLength = 0)
    {
        var frame = new byte[4 + 8 + bodyLength];
        BinaryPrimitives.WriteInt32BigEndian(frame, 8 + bodyLength);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(4), apiKey);
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(6), apiVersion);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), correlationId);
        for (var i = 0; i < bodyLength; i++)
        {
            frame[12 + i] = (byte)(correlationId * 31 + i);
        }

        return frame;
    }

    /// <summary>A 4-byte big-endian size prefix and nothing else.</summary>
    public static byte[] Prefix(int size)
    {
        var prefix = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, size);
        return prefix;
    }

    public static byte[] Concat(params byte[][] parts)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += part.Length;
        }

        var all = new byte[length];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(all, offset);
            offset += part.Length;
        }

        return all;
    }
}
