using System.IO.Compression;

namespace ActorStream.Kafka.Protocol.Records;

/// <summary>
/// Compression of a batch's records area for the builder and the client (gzip via
/// System.IO.Compression). The broker stores and serves compressed batches as they are.
/// </summary>
internal static class RecordCompression
{
    public static byte[] Compress(CompressionCodec codec, ReadOnlySpan<byte> data)
    {
        switch (codec)
        {
            case CompressionCodec.None:
                return data.ToArray();
            case CompressionCodec.Gzip:
                using (var output = new MemoryStream())
                {
                    using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                    {
                        gzip.Write(data);
                    }

                    return output.ToArray();
                }

            default:
                throw new NotSupportedException($"Compression codec {codec} is not implemented.");
        }
    }

    public static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> data)
    {
        switch (codec)
        {
            case CompressionCodec.None:
                return data.ToArray();
            case CompressionCodec.Gzip:
                try
                {
                    using var input = new MemoryStream(data.ToArray(), writable: false);
                    using var gzip = new GZipStream(input, CompressionMode.Decompress);
                    using var output = new MemoryStream();
                    gzip.CopyTo(output);
                    return output.ToArray();
                }
                catch (InvalidDataException ex)
                {
                    throw new KafkaProtocolException("Gzip records area is corrupt.", ex);
                }

            default:
                throw new NotSupportedException($"Compression codec {codec} is not implemented.");
        }
    }
}
