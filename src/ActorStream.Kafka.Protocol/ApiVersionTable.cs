using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Protocol;

/// <summary>
/// The API versions this codec layer implements and tests, i.e. what a broker built on it may
/// advertise in ApiVersions, with the first flexible version of each API. Immutable and
/// thread-safe.
/// <para>
/// The generated codecs read and write every version of the Kafka 3.8 schemas (see
/// <see cref="ApiMessages"/>); this table is the subset offered to clients. Produce starts at
/// v3 and Fetch at v4 so that clients only ever send and expect RecordBatch v2 (magic 2): the
/// broker never converts legacy message sets. ApiVersions, SaslHandshake and SaslAuthenticate are
/// listed so that the handshake can be decoded; whether SASL is offered is the broker's choice.
/// </para>
/// </summary>
public static class ApiVersionTable
{
    private static readonly ApiVersionRange[] s_ranges =
    [
        new(ApiKey.Produce, 3, 9, 9),
        new(ApiKey.Fetch, 4, 12, 12),
        new(ApiKey.ListOffsets, 0, 7, 6),
        new(ApiKey.Metadata, 0, 12, 9),
        new(ApiKey.OffsetCommit, 0, 8, 8),
        new(ApiKey.OffsetFetch, 0, 8, 6),
        new(ApiKey.FindCoordinator, 0, 4, 3),
        new(ApiKey.JoinGroup, 0, 9, 6),
        new(ApiKey.Heartbeat, 0, 4, 4),
        new(ApiKey.LeaveGroup, 0, 5, 4),
        new(ApiKey.SyncGroup, 0, 5, 4),
        new(ApiKey.DescribeGroups, 0, 5, 5),
        new(ApiKey.ListGroups, 0, 4, 3),
        new(ApiKey.SaslHandshake, 0, 1, -1),
        new(ApiKey.ApiVersions, 0, 3, 3),
        new(ApiKey.CreateTopics, 0, 7, 5),
        new(ApiKey.DeleteTopics, 0, 6, 4),
        new(ApiKey.DeleteRecords, 0, 2, 2),
        new(ApiKey.InitProducerId, 0, 4, 2),
        new(ApiKey.OffsetForLeaderEpoch, 0, 4, 4),
        new(ApiKey.DescribeConfigs, 0, 4, 4),
        new(ApiKey.AlterConfigs, 0, 2, 2),
        new(ApiKey.SaslAuthenticate, 0, 2, 2),
        new(ApiKey.CreatePartitions, 0, 3, 2),
        new(ApiKey.DeleteGroups, 0, 2, 2),
        new(ApiKey.IncrementalAlterConfigs, 0, 1, 1),
        new(ApiKey.DescribeCluster, 0, 1, 0),
    ];

    // Indexed by api key for O(1) lookups on the request path; index -1 = not supported.
    private static readonly sbyte[] s_indexByKey = BuildIndex();

    /// <summary>Every supported API, ordered by key.</summary>
    public static ReadOnlySpan<ApiVersionRange> Supported => s_ranges;

    /// <summary>Looks up the supported range of <paramref name="apiKey"/>.</summary>
    public static bool TryGet(ApiKey apiKey, out ApiVersionRange range)
    {
        int key = (short)apiKey;
        if (key >= 0 && key < s_indexByKey.Length && s_indexByKey[key] >= 0)
        {
            range = s_ranges[s_indexByKey[key]];
            return true;
        }

        range = default;
        return false;
    }

    /// <summary>True if <paramref name="apiKey"/> at <paramref name="apiVersion"/> is in the table.</summary>
    public static bool IsSupported(ApiKey apiKey, short apiVersion) =>
        TryGet(apiKey, out var range) && range.Contains(apiVersion);

    /// <summary>
    /// True if <paramref name="apiVersion"/> of <paramref name="apiKey"/> is flexible according to
    /// the schemas, whether or not the version is advertised (so that the header of an
    /// unsupported version is still parsed correctly). False for unknown keys.
    /// </summary>
    public static bool IsFlexible(ApiKey apiKey, short apiVersion)
    {
        short first = ApiMessages.FirstFlexibleVersion(apiKey);
        return first >= 0 && apiVersion >= first;
    }

    private static sbyte[] BuildIndex()
    {
        short max = 0;
        foreach (var r in s_ranges)
        {
            max = Math.Max(max, (short)r.ApiKey);
        }

        var index = new sbyte[max + 1];
        Array.Fill(index, (sbyte)-1);
        for (int i = 0; i < s_ranges.Length; i++)
        {
            index[(short)s_ranges[i].ApiKey] = (sbyte)i;
        }

        return index;
    }
}
