using ActorStream.Kafka.Handlers;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

public sealed class FindCoordinatorHandlerTests : BrokerNodeTestBase
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task HandleAsync_GroupKey_AnswersThisNode(short version)
    {
        var response = await RequestAsync<FindCoordinatorResponse>(ApiKey.FindCoordinator, version, new FindCoordinatorRequest { Key = "my-group", KeyType = 0 });

        Assert.Equal((short)ErrorCode.None, response.ErrorCode);
        Assert.Equal((NodeId, Listener.AdvertisedHost, Listener.AdvertisedPort), (response.NodeId, response.Host, response.Port));
    }

    [Fact]
    public async Task HandleAsync_V4BatchOfKeys_AnswersEachKey()
    {
        var request = new FindCoordinatorRequest { KeyType = 0, CoordinatorKeys = ["g1", "g2"] };

        var response = await RequestAsync<FindCoordinatorResponse>(ApiKey.FindCoordinator, 4, request);

        Assert.Equal(["g1", "g2"], response.Coordinators.ConvertAll(c => c.Key));
        Assert.All(response.Coordinators, c =>
        {
            Assert.Equal((short)ErrorCode.None, c.ErrorCode);
            Assert.Equal((NodeId, Listener.AdvertisedHost, Listener.AdvertisedPort), (c.NodeId, c.Host, c.Port));
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task HandleAsync_TransactionKey_AnswersCoordinatorNotAvailable(short version)
    {
        var request = new FindCoordinatorRequest { Key = "tx", KeyType = 1, CoordinatorKeys = ["tx"] };

        var response = await RequestAsync<FindCoordinatorResponse>(ApiKey.FindCoordinator, version, request);

        var (error, message, node) = version >= 4
            ? (Assert.Single(response.Coordinators).ErrorCode, response.Coordinators[0].ErrorMessage, response.Coordinators[0].NodeId)
            : (response.ErrorCode, response.ErrorMessage, response.NodeId);
        Assert.Equal((short)ErrorCode.CoordinatorNotAvailable, error);
        Assert.Equal(FindCoordinatorHandler.TransactionsNotSupported, message);
        Assert.Equal(-1, node);
    }

    [Fact]
    public async Task HandleAsync_UnknownKeyType_AnswersInvalidRequest()
    {
        var response = await RequestAsync<FindCoordinatorResponse>(ApiKey.FindCoordinator, 3, new FindCoordinatorRequest { Key = "x", KeyType = 7 });

        Assert.Equal((short)ErrorCode.InvalidRequest, response.ErrorCode);
    }
}
