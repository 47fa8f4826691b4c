namespace ActorStream.Client.Admin;

/// <summary>Options of ListTopicsAsync.</summary>
public sealed class ListTopicsOptions : AdminOptions
{
    /// <summary>Include internal topics (such as __consumer_offsets).</summary>
    public bool ListInternal { get; set; }
}
