using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace ActorStream.Kafka.Protocol.Records;

/// <summary>
/// Compression of a batch's records area for the builder and the client (gzip via
/// System.IO.Compression). The broker stores and serves compressed batches as they are, and
/// decompresses one only to search its records by timestamp (ListOffsets). Snappy, lz4 and zstd
/// have no decoder here. Stateless; thread-safe.
/// </summary>
internal static class RecordCompression
{
    /// <summary>First guess of the decompressed size, as a multiple of the compressed size.</summary>
    private const int ExpansionGuess = 4;

    private const int MinimumBuffer = 4096;

    /// <summary>True for the codecs <see cref="DecompressPooled"/> decodes (Gzip).</summary>
    public static bool CanDecompress(CompressionCodec codec) => codec == CompressionCodec.Gzip;

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

    /// <summary>
    /// Decompresses <paramref name="data"/> into a buffer rented from <see cref="ArrayPool{T}.Shared"/>
    /// (the caller returns it); the first <paramref name="length"/> bytes are the records area. The input
    /// is read in place when it is backed by an array. Corrupt data raises <see cref="KafkaProtocolException"/>;
    /// a codec <see cref="CanDecompress"/> refuses raises <see cref="NotSupportedException"/>.
    /// </summary>
    public static byte[] DecompressPooled(CompressionCodec codec, ReadOnlyMemory<byte> data, out int length)
    {
        if (!CanDecompress(codec))
        {
            throw new NotSupportedException($"Compression codec {codec} is not implemented.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp((long)data.Length * ExpansionGuess, MinimumBuffer, Array.MaxLength));
        var done = false;
        length = 0;
        try
        {
            using var input = MemoryMarshal.TryGetArray(data, out var segment) && segment.Array is not null
                ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(data.ToArray(), writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                int read = gzip.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            done = true;
            return buffer;
        }
        catch (InvalidDataException ex)
        {
            throw new KafkaProtocolException("Gzip records area is corrupt.", ex);
        }
        finally
        {
            if (!done)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
