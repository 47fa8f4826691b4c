namespace ActorStream.Client.Admin;

/// <summary>Options of ListConsumerGroupOffsetsAsync.</summary>
public sealed class ListConsumerGroupOffsetsOptions : AdminOptions
{
    /// <summary>Wait for pending transactional offset commits instead of returning older offsets (OffsetFetch v7+).</summary>
    public bool RequireStableOffsets { get; set; }
}
