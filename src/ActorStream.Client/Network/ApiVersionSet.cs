using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Client.Network;

/// <summary>
/// The version of each API to use on one connection: the highest version both the broker
/// (its ApiVersions response) and the client (<see cref="ClientApiVersions"/>) implement.
/// Immutable and thread-safe.
/// </summary>
internal sealed class ApiVersionSet
{
    private const int MaxKey = 128;

    private readonly short[] _versions;
    private readonly short[] _brokerMin;
    private readonly short[] _brokerMax;

    private ApiVersionSet(short[] versions, short[] brokerMin, short[] brokerMax)
    {
        _versions = versions;
        _brokerMin = brokerMin;
        _brokerMax = brokerMax;
    }

    /// <summary>Nothing negotiated yet: only ApiVersions itself may be sent.</summary>
    public static ApiVersionSet Unknown { get; } = Create(null);

    /// <summary>Negotiates against the ranges a broker advertised.</summary>
    public static ApiVersionSet Negotiate(List<ApiVersionsResponse.ApiVersion> brokerRanges) => Create(brokerRanges);

    /// <summary>The version to use for <paramref name="apiKey"/>, if there is a common one.</summary>
    public bool TryGetVersion(ApiKey apiKey, out short version)
    {
        var key = (int)apiKey;
        version = key is >= 0 and < MaxKey ? _versions[key] : (short)-1;
        return version >= 0;
    }

    /// <summary>The version to use for <paramref name="apiKey"/>; throws a <see cref="KafkaException"/> (UNSUPPORTED_VERSION) if there is none.</summary>
    public short GetVersion(ApiKey apiKey)
    {
        if (TryGetVersion(apiKey, out var version))
        {
            return version;
        }

        ClientApiVersions.TryGet(apiKey, out var min, out var max);
        var key = (int)apiKey;
        var broker = key is >= 0 and < MaxKey && _brokerMax[key] >= 0 ? $"{_brokerMin[key]}-{_brokerMax[key]}" : "none";
        throw new KafkaException(new KafkaError(LocalErrorCode.UnsupportedFeature, ErrorCode.UnsupportedVersion,
            $"The broker does not implement {apiKey} in a version this client uses (client {min}-{max}, broker {broker})."));
    }

    /// <summary>The broker's advertised range for <paramref name="apiKey"/>.</summary>
    public bool TryGetBrokerRange(ApiKey apiKey, out short min, out short max)
    {
        var key = (int)apiKey;
        min = key is >= 0 and < MaxKey ? _brokerMin[key] : (short)-1;
        max = key is >= 0 and < MaxKey ? _brokerMax[key] : (short)-1;
        return max >= 0;
    }

    private static ApiVersionSet Create(List<ApiVersionsResponse.ApiVersion>? brokerRanges)
    {
        var versions = new short[MaxKey];
        var brokerMin = new short[MaxKey];
        var brokerMax = new short[MaxKey];
        Array.Fill(versions, (short)-1);
        Array.Fill(brokerMin, (short)-1);
        Array.Fill(brokerMax, (short)-1);
        if (brokerRanges is null)
        {
            ClientApiVersions.TryGet(ApiKey.ApiVersions, out _, out var max);
            versions[(int)ApiKey.ApiVersions] = max;
            return new ApiVersionSet(versions, brokerMin, brokerMax);
        }

        foreach (var range in brokerRanges)
        {
            if (range.ApiKey is < 0 or >= MaxKey)
            {
                continue;
            }

            brokerMin[range.ApiKey] = range.MinVersion;
            brokerMax[range.ApiKey] = range.MaxVersion;
            if (ClientApiVersions.TryGet((ApiKey)range.ApiKey, out var min, out var max))
            {
                var version = Math.Min(max, range.MaxVersion);
                if (version >= Math.Max(min, range.MinVersion))
                {
                    versions[range.ApiKey] = (short)version;
                }
            }
        }

        return new ApiVersionSet(versions, brokerMin, brokerMax);
    }
}
