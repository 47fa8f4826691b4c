namespace ActorStream.Kafka.Tests.Fuzz;

/// <summary>How a record batch in a decodable Produce request is broken.</summary>
internal enum BatchCorruption
{
    /// <summary>A bit flipped in the CRC-covered part (attributes to the end) or in the CRC itself.</summary>
    Crc,

    /// <summary>Magic other than 2.</summary>
    Magic,

    /// <summary>The batch length field no longer matches the bytes.</summary>
    Length,

    /// <summary>The batch ends early.</summary>
    Truncated,

    /// <summary>Bytes that are not a whole batch follow a valid one.</summary>
    TrailingBytes,

    /// <summary>Header fields a client may not send, with a CRC that matches: an offset range other than the record count, the control flag, an unknown codec.</summary>
    InconsistentHeader,
}
