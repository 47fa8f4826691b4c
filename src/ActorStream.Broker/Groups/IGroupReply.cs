namespace ActorStream.Broker.Groups;

/// <summary>
/// Marker for the replies in a <see cref="GroupCoordinatorResult"/>. Each reply answers the request whose
/// id the caller put in the command; a reply may answer a request from an earlier command (a parked
/// JoinGroup or SyncGroup).
/// </summary>
public interface IGroupReply
{
    /// <summary>The caller-supplied id of the request this reply answers.</summary>
    long RequestId { get; }
}
