namespace ActorStream.Client;

/// <summary>What a record carries besides its key and value.</summary>
public class MessageMetadata
{
    /// <summary>The timestamp; <see cref="Timestamp.Default"/> lets the producer use its clock.</summary>
    public Timestamp Timestamp { get; set; }

    /// <summary>The headers, or null for none.</summary>
    public Headers? Headers { get; set; }
}
