namespace ActorStream.Client.Admin;

/// <summary>Options of CreateTopicsAsync.</summary>
public sealed class CreateTopicsOptions : AdminOptions
{
    /// <summary>Only check that the topics could be created (CreateTopics v1+).</summary>
    public bool ValidateOnly { get; set; }

    /// <summary>How long the controller may take to create the topics before answering; null uses the call's time limit.</summary>
    public TimeSpan? OperationTimeout { get; set; }
}
