using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Protocol.Tests.Protocol;

public class ApiVersionTableTests
{
    [Fact]
    public void Supported_EveryRange_IsImplementedByTheCodecsAndFlexibilityMatchesSchemas()
    {
        Assert.Equal(27, ApiVersionTable.Supported.Length);
        foreach (var range in ApiVersionTable.Supported)
        {
            Assert.True(range.MinVersion >= ApiMessages.LowestSupportedVersion(range.ApiKey), range.ApiKey.ToString());
            Assert.True(range.MaxVersion <= ApiMessages.HighestSupportedVersion(range.ApiKey), range.ApiKey.ToString());
            Assert.True(range.MinVersion <= range.MaxVersion);
            Assert.Equal(ApiMessages.FirstFlexibleVersion(range.ApiKey), range.FirstFlexibleVersion);
        }
    }

    [Fact]
    public void Supported_IsSortedByKeyWithoutDuplicates()
    {
        var supported = ApiVersionTable.Supported;
        for (int i = 1; i < supported.Length; i++)
        {
            Assert.True(supported[i - 1].ApiKey < supported[i].ApiKey);
        }
    }

    [Theory]
    [InlineData(ApiKey.Produce, 3, 9)]
    [InlineData(ApiKey.Fetch, 4, 12)]
    [InlineData(ApiKey.ApiVersions, 0, 3)]
    [InlineData(ApiKey.Metadata, 0, 12)]
    [InlineData(ApiKey.ListOffsets, 0, 7)]
    [InlineData(ApiKey.FindCoordinator, 0, 4)]
    [InlineData(ApiKey.JoinGroup, 0, 9)]
    [InlineData(ApiKey.OffsetCommit, 0, 8)]
    [InlineData(ApiKey.OffsetFetch, 0, 8)]
    [InlineData(ApiKey.InitProducerId, 0, 4)]
    public void TryGet_KeyApis_AdvertiseRecordBatchV2OnlyAndGroupApisFromV0(ApiKey apiKey, short min, short max)
    {
        Assert.True(ApiVersionTable.TryGet(apiKey, out var range));
        Assert.Equal((min, max), (range.MinVersion, range.MaxVersion));
        Assert.True(ApiVersionTable.IsSupported(apiKey, max));
        Assert.False(ApiVersionTable.IsSupported(apiKey, (short)(max + 1)));
    }

    [Fact]
    public void TryGet_UnknownKey_ReturnsFalse()
    {
        Assert.False(ApiVersionTable.TryGet((ApiKey)7, out _));
        Assert.False(ApiVersionTable.TryGet((ApiKey)(-1), out _));
        Assert.False(ApiVersionTable.TryGet((ApiKey)1000, out _));
        Assert.False(ApiVersionTable.IsFlexible((ApiKey)1000, 100));
    }

    [Fact]
    public void IsFlexible_SaslHandshake_Never()
    {
        Assert.True(ApiVersionTable.TryGet(ApiKey.SaslHandshake, out var range));
        Assert.Equal(-1, range.FirstFlexibleVersion);
        Assert.False(range.IsFlexible(1));
        Assert.False(ApiVersionTable.IsFlexible(ApiKey.SaslHandshake, 1));
    }
}
