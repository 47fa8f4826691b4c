namespace ActorStream.Client.Admin;

/// <summary>Options of ListOffsetsAsync.</summary>
public sealed class ListOffsetsOptions : AdminOptions
{
    /// <summary>ReadCommitted stops Latest at the last stable offset (ListOffsets v2+).</summary>
    public IsolationLevel IsolationLevel { get; set; }
}
