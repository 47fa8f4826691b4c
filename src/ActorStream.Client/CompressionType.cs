namespace ActorStream.Client;

/// <summary>
/// Compression of produced record batches (<c>compression.type</c>). This client implements
/// <see cref="None"/> and <see cref="Gzip"/> (System.IO.Compression); the other codecs are accepted
/// by the configuration for compatibility but building a producer with them fails with
/// <see cref="NotSupportedException"/>.
/// </summary>
public enum CompressionType
{
    /// <summary>No compression.</summary>
    None = 0,

    /// <summary>gzip (RFC 1952).</summary>
    Gzip = 1,

    /// <summary>Snappy: not available in this client.</summary>
    Snappy = 2,

    /// <summary>LZ4 frames: not available in this client.</summary>
    Lz4 = 3,

    /// <summary>Zstandard: not available in this client.</summary>
    Zstd = 4,
}
