namespace ActorStream.Kafka.Tests.Fuzz;

/// <summary>How a fuzzed frame differs from a well-formed request.</summary>
internal enum MutationKind
{
    /// <summary>Well-formed.</summary>
    None,

    /// <summary>The body ends early; the size prefix matches the shorter frame.</summary>
    Truncated,

    /// <summary>1–8 bits flipped after the request header.</summary>
    BitFlips,

    /// <summary>Four bytes after the header overwritten with a huge or negative int32 (array and string lengths).</summary>
    HugeCount,

    /// <summary>Bytes with the continuation bit set inserted after the header (unterminated or overlong varints).</summary>
    BadVarint,

    /// <summary>Bits flipped in the api key, api version or correlation id.</summary>
    Header,

    /// <summary>Random bytes behind a valid size prefix.</summary>
    Garbage,

    /// <summary>The size prefix claims more bytes than follow (the stream desynchronises).</summary>
    LengthTooLong,

    /// <summary>The size prefix claims fewer bytes than follow (the stream desynchronises).</summary>
    LengthTooShort,

    /// <summary>A decodable Produce whose record batches are corrupt (see <see cref="BatchCorruption"/>).</summary>
    CorruptBatch,
}
