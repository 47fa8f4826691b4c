using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Network;

/// <summary>
/// The API versions this client knows how to fill and read, per API. The codecs implement every
/// version of the Kafka 3.8 schemas; the caps below keep the client on versions whose semantics it
/// implements (Produce from v3 and Fetch from v4 so only RecordBatch v2 is exchanged; Fetch at most
/// v12 because v13+ names topics by id; group APIs below the KIP-848 member-epoch versions).
/// Immutable and thread-safe.
/// </summary>
internal static class ClientApiVersions
{
    private static readonly (ApiKey Key, short Min, short Max)[] s_ranges =
    [
        (ApiKey.Produce, 3, 9),
        (ApiKey.Fetch, 4, 12),
        (ApiKey.ListOffsets, 1, 8),
        (ApiKey.Metadata, 1, 12),
        (ApiKey.OffsetCommit, 2, 8),
        (ApiKey.OffsetFetch, 1, 8),
        (ApiKey.FindCoordinator, 0, 4),
        (ApiKey.JoinGroup, 0, 9),
        (ApiKey.Heartbeat, 0, 4),
        (ApiKey.LeaveGroup, 0, 5),
        (ApiKey.SyncGroup, 0, 5),
        (ApiKey.DescribeGroups, 0, 5),
        (ApiKey.ListGroups, 0, 4),
        (ApiKey.SaslHandshake, 0, 1),
        (ApiKey.ApiVersions, 0, 3),
        (ApiKey.CreateTopics, 0, 7),
        (ApiKey.DeleteTopics, 0, 6),
        (ApiKey.DeleteRecords, 0, 2),
        (ApiKey.InitProducerId, 0, 4),
        (ApiKey.OffsetForLeaderEpoch, 2, 4),
        (ApiKey.DescribeConfigs, 0, 4),
        (ApiKey.AlterConfigs, 0, 2),
        (ApiKey.SaslAuthenticate, 0, 2),
        (ApiKey.CreatePartitions, 0, 3),
        (ApiKey.DeleteGroups, 0, 2),
        (ApiKey.IncrementalAlterConfigs, 0, 1),
        (ApiKey.DescribeCluster, 0, 1),
    ];

    /// <summary>The client's range for <paramref name="apiKey"/>, clamped to what the codecs implement.</summary>
    public static bool TryGet(ApiKey apiKey, out short min, out short max)
    {
        foreach (var (key, lo, hi) in s_ranges)
        {
            if (key == apiKey)
            {
                min = Math.Max(lo, ApiMessages.LowestSupportedVersion(apiKey));
                max = Math.Min(hi, ApiMessages.HighestSupportedVersion(apiKey));
                return min <= max;
            }
        }

        min = max = -1;
        return false;
    }

    /// <summary>Every API the client may use.</summary>
    public static IEnumerable<ApiKey> Keys
    {
        get
        {
            foreach (var (key, _, _) in s_ranges)
            {
                yield return key;
            }
        }
    }
}
