namespace ActorStream.Client.Admin;

/// <summary>Options of DeleteRecordsAsync.</summary>
public sealed class DeleteRecordsOptions : AdminOptions
{
    /// <summary>How long the leaders may take before answering; null uses the call's time limit.</summary>
    public TimeSpan? OperationTimeout { get; set; }
}
