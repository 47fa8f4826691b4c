using System.Net;
using ActorStream.Kafka.Network;

namespace ActorStream.Kafka.Handlers;

/// <summary>What the group API handlers share: the client host as Kafka shows it and the waits they allow. Thread-safe.</summary>
internal static class GroupRequests
{
    /// <summary>
    /// How long a SyncGroup may stay parked beyond the ask timeout: a follower waits for the leader's
    /// assignment, which the coordinator bounds by the group's rebalance timeout (max.poll.interval.ms,
    /// 300 s by default); clients give up earlier and close the connection, which cancels the wait.
    /// </summary>
    public static readonly TimeSpan ParkedSyncLimit = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The client's address as DescribeGroups shows it: "/" and the IP address, as Kafka renders an
    /// InetAddress without host name (IPv4-mapped IPv6 addresses as IPv4).
    /// </summary>
    public static string ClientHost(KafkaConnectionContext connection)
    {
        if (connection.RemoteEndPoint is IPEndPoint ip)
        {
            var address = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
            return "/" + address;
        }

        return connection.RemoteEndPoint is { } other ? "/" + other : string.Empty;
    }

    /// <summary>
    /// The longest a JoinGroup may stay parked beyond the ask timeout: the member's rebalance timeout (its
    /// session timeout for v0, which has none) plus the group's initial rebalance delay.
    /// </summary>
    public static TimeSpan JoinWait(short apiVersion, int sessionTimeoutMs, int rebalanceTimeoutMs, int initialRebalanceDelayMs)
    {
        long rebalance = apiVersion == 0 ? sessionTimeoutMs : Math.Max(rebalanceTimeoutMs, sessionTimeoutMs);
        return TimeSpan.FromMilliseconds(Math.Max(0L, rebalance) + Math.Max(0, initialRebalanceDelayMs));
    }
}
