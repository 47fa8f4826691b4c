using ActorStream.Kafka.Protocol;

namespace ActorStream.Client.Network;

/// <summary>
/// A request written (or about to be written) on a <see cref="KafkaConnection"/> and the promise of
/// its response. Completes with the decoded response, with null for a request that gets no response
/// (acks=0 produce) once it is on the socket, or with a <see cref="KafkaException"/>. Continuations
/// never run on the connection's loops.
/// </summary>
internal sealed class PendingRequest : TaskCompletionSource<IKafkaResponse?>
{
    public PendingRequest(ApiKey apiKey, short version, long deadline, TimeSpan timeout)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        ApiKey = apiKey;
        Version = version;
        Deadline = deadline;
        Timeout = timeout;
    }

    public ApiKey ApiKey { get; }

    public short Version { get; }

    /// <summary>TimeProvider timestamp after which the request counts as timed out.</summary>
    public long Deadline { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Assigned when the request is queued for writing.</summary>
    public int CorrelationId { get; set; }
}
