using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class DescribeClusterHandlerTests : BrokerNodeTestBase
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task HandleAsync_Brokers_ThisNodeIsTheOnlyBrokerAndTheController(short version)
    {
        var response = await RequestAsync<DescribeClusterResponse>(ApiKey.DescribeCluster, version, new DescribeClusterRequest());

        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
        Assert.Equal("spec-cluster", response.ClusterId);
        Assert.Equal(NodeId, response.ControllerId);
        var broker = Assert.Single(response.Brokers);
        Assert.Equal(NodeId, broker.BrokerId);
        Assert.Equal(Listener.AdvertisedHost, broker.Host);
        Assert.Equal(Listener.AdvertisedPort, broker.Port);
        Assert.Null(broker.Rack);
        Assert.Equal(int.MinValue, response.ClusterAuthorizedOperations);
    }

    [Fact]
    public async Task HandleAsync_AuthorizedOperationsAsked_EveryClusterOperation()
    {
        var response = await RequestAsync<DescribeClusterResponse>(ApiKey.DescribeCluster, 1, new DescribeClusterRequest { IncludeClusterAuthorizedOperations = true });

        // CREATE 5, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12, CREATE_TOKENS 13, DESCRIBE_TOKENS 14.
        Assert.Equal(0b111_1111_1010_0000, response.ClusterAuthorizedOperations);
    }

    [Theory]
    [InlineData(2, ErrorCode.MismatchedEndpointType)]
    [InlineData(7, ErrorCode.UnsupportedEndpointType)]
    public async Task HandleAsync_OtherEndpointType_Error(sbyte endpointType, ErrorCode expected)
    {
        var response = await RequestAsync<DescribeClusterResponse>(ApiKey.DescribeCluster, 1, new DescribeClusterRequest { EndpointType = endpointType });

        Assert.Equal((short)expected, response.ErrorCode);
        Assert.False(string.IsNullOrEmpty(response.ErrorMessage));
        Assert.Empty(response.Brokers);
    }
}
