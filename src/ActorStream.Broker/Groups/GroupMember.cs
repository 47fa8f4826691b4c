namespace ActorStream.Broker.Groups;

/// <summary>
/// A member of a classic group. The durable part (ids, client, timeouts, protocols, assignment) changes
/// only through <see cref="GroupCoordinatorState.Apply"/>; the session part (parked requests, heartbeat
/// deadline) belongs to the handlers and starts fresh after recovery. Read-only to callers; not
/// thread-safe (owned by one <see cref="GroupCoordinatorState"/>).
/// </summary>
public sealed class GroupMember
{
    internal const long NoDeadline = long.MaxValue;

    internal GroupMember(
        string memberId,
        string? groupInstanceId,
        string clientId,
        string clientHost,
        int sessionTimeoutMs,
        int rebalanceTimeoutMs,
        string protocolType,
        IReadOnlyList<MemberProtocol> protocols,
        ReadOnlyMemory<byte> assignment)
    {
        MemberId = memberId;
        GroupInstanceId = groupInstanceId;
        ClientId = clientId;
        ClientHost = clientHost;
        SessionTimeoutMs = sessionTimeoutMs;
        RebalanceTimeoutMs = rebalanceTimeoutMs;
        ProtocolType = protocolType;
        Protocols = protocols;
        Assignment = assignment;
    }

    /// <summary>The coordinator-generated member id.</summary>
    public string MemberId { get; }

    /// <summary>group.instance.id for a static member, else null.</summary>
    public string? GroupInstanceId { get; }

    /// <summary>The client id the member joined with.</summary>
    public string ClientId { get; }

    /// <summary>The client host the member joined from.</summary>
    public string ClientHost { get; }

    /// <summary>session.timeout.ms of the latest join.</summary>
    public int SessionTimeoutMs { get; internal set; }

    /// <summary>Rebalance timeout of the latest join (session timeout for JoinGroup v0).</summary>
    public int RebalanceTimeoutMs { get; internal set; }

    /// <summary>Protocol type ("consumer").</summary>
    public string ProtocolType { get; }

    /// <summary>Supported protocols with metadata, in preference order.</summary>
    public IReadOnlyList<MemberProtocol> Protocols { get; internal set; }

    /// <summary>The assignment stored for the current generation (empty until the leader syncs).</summary>
    public ReadOnlyMemory<byte> Assignment { get; internal set; }

    /// <summary>Session state: true while a JoinGroup from this member is parked.</summary>
    public bool IsAwaitingJoin => AwaitingJoinRequestId.HasValue;

    /// <summary>Session state: true while a SyncGroup from this member is parked.</summary>
    public bool IsAwaitingSync => AwaitingSyncRequestId.HasValue;

    /// <summary>Session state: when the member expires without a heartbeat (epoch ms).</summary>
    public long HeartbeatDeadlineMs { get; internal set; } = NoDeadline;

    /// <summary>Session state: a member added in the running join phase (it cannot heartbeat yet).</summary>
    public bool IsNew { get; internal set; }

    internal long? AwaitingJoinRequestId { get; set; }

    internal short AwaitingJoinApiVersion { get; set; }

    internal long? AwaitingSyncRequestId { get; set; }

    /// <summary>Due time of the session timer last requested for this member, or <see cref="NoDeadline"/>.</summary>
    internal long SessionTimerDueMs { get; set; } = NoDeadline;

    /// <summary>
    /// Kafka's hasSatisfiedHeartbeat: a member parked in JoinGroup or SyncGroup needs no heartbeat, except a
    /// new member, which is expired by its join timeout.
    /// </summary>
    internal bool HasSatisfiedHeartbeat => !IsNew && (IsAwaitingJoin || IsAwaitingSync);

    /// <summary>The metadata this member sent for <paramref name="protocolName"/>, or empty.</summary>
    public ReadOnlyMemory<byte> MetadataFor(string? protocolName)
    {
        var protocols = Protocols;
        for (int i = 0; i < protocols.Count; i++)
        {
            if (string.Equals(protocols[i].Name, protocolName, StringComparison.Ordinal))
            {
                return protocols[i].Metadata;
            }
        }

        return ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>True when <paramref name="protocols"/> equals this member's list (names, order and bytes).</summary>
    internal bool Matches(IReadOnlyList<MemberProtocol> protocols)
    {
        var mine = Protocols;
        if (mine.Count != protocols.Count)
        {
            return false;
        }

        for (int i = 0; i < mine.Count; i++)
        {
            if (!string.Equals(mine[i].Name, protocols[i].Name, StringComparison.Ordinal)
                || !mine[i].Metadata.Span.SequenceEqual(protocols[i].Metadata.Span))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first of this member's protocols (in its preference order) that is a candidate.</summary>
    internal string? Vote(HashSet<string> candidates)
    {
        var protocols = Protocols;
        for (int i = 0; i < protocols.Count; i++)
        {
            if (candidates.Contains(protocols[i].Name))
            {
                return protocols[i].Name;
            }
        }

        return null;
    }

    /// <summary>A copy under a new member id with the same durable fields (static member replacement).</summary>
    internal GroupMember WithMemberId(string newMemberId) => new(
        newMemberId,
        GroupInstanceId,
        ClientId,
        ClientHost,
        SessionTimeoutMs,
        RebalanceTimeoutMs,
        ProtocolType,
        Protocols,
        Assignment);
}
