namespace ActorStream.Kafka.Tests.Fuzz;

/// <summary>How a fuzz connection ended.</summary>
internal enum ConnectionOutcome
{
    /// <summary>The closing ApiVersions probe was answered: the node served the whole stream.</summary>
    ProbeAnswered,

    /// <summary>The node closed the connection.</summary>
    ClosedByNode,

    /// <summary>Neither within the read deadline (a parked request, e.g. a long poll with a mutated wait); the client closed it.</summary>
    Stalled,
}
