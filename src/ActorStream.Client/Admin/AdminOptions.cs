namespace ActorStream.Client.Admin;

/// <summary>Options every admin call takes.</summary>
public abstract class AdminOptions
{
    /// <summary>Time limit of the call, retries included; null uses default.api.timeout.ms.</summary>
    public TimeSpan? RequestTimeout { get; set; }
}
