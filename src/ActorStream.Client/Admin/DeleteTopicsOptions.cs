namespace ActorStream.Client.Admin;

/// <summary>Options of DeleteTopicsAsync.</summary>
public sealed class DeleteTopicsOptions : AdminOptions
{
    /// <summary>How long the controller may take before answering; null uses the call's time limit.</summary>
    public TimeSpan? OperationTimeout { get; set; }
}
