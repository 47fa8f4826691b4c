using ActorStream.Configuration;
using ActorStream.Kafka.Protocol;
using ActorStream.Kafka.Protocol.Messages;

namespace ActorStream.Kafka.Tests;

/// <summary>Producer ids on a node with the SQLite journal in a temporary directory, across actor-system restarts.</summary>
public sealed class InitProducerIdSqliteRestartTests : BrokerNodeTestBase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "actorstream-pid-" + Guid.NewGuid().ToString("N"));

    protected override Config? SystemConfig => SqliteNode.Config(_directory);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteNode.DeleteDirectory(_directory);
    }

    private async Task<List<long>> InitManyAsync(int count)
    {
        var ids = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            var response = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, 4, InitProducerIdHandlerTests.Request());
            Assert.Equal((short)ErrorCode.None, response.ErrorCode);
            Assert.Equal(0, response.ProducerEpoch);
            ids.Add(response.ProducerId);
        }

        return ids;
    }

    [Fact]
    public async Task HandleAsync_AcrossRestarts_IdsAreNeverReusedAndKeepIncreasing()
    {
        var before = await InitManyAsync(5);
        await RestartNodeAsync();
        var middle = await InitManyAsync(5);
        await RestartNodeAsync();
        var after = await InitManyAsync(5);

        var all = before.Concat(middle).Concat(after).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(all.Order().ToArray(), all.ToArray());
        Assert.True(middle[0] > before[^1]);
        Assert.True(after[0] > middle[^1]);
    }

    [Fact]
    public async Task HandleAsync_IdFromBeforeTheRestart_CanBeBumped()
    {
        var first = (await InitManyAsync(1))[0];
        await RestartNodeAsync();

        var bumped = await RequestAsync<InitProducerIdResponse>(ApiKey.InitProducerId, 4, InitProducerIdHandlerTests.Request(producerId: first, epoch: 0));

        Assert.Equal((short)ErrorCode.None, bumped.ErrorCode);
        Assert.Equal(first, bumped.ProducerId);
        Assert.Equal(1, bumped.ProducerEpoch);
    }
}
