using ActorStream.Client.Network;

namespace ActorStream.Client.Tests;

public sealed class BootstrapServersTests
{
    [Fact]
    public void Parse_List_GivesNegativePseudoNodeIdsInOrder()
    {
        var servers = BootstrapServers.Parse(" broker-a:9092, 10.0.0.2:19092 ,[::1]:9093,PLAINTEXT://broker-b:9094");

        Assert.Equal(
            [new BrokerEndpoint(-1, "broker-a", 9092), new BrokerEndpoint(-2, "10.0.0.2", 19092), new BrokerEndpoint(-3, "::1", 9093), new BrokerEndpoint(-4, "broker-b", 9094)],
            servers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("broker")]
    [InlineData("broker:")]
    [InlineData("broker:0")]
    [InlineData("broker:70000")]
    [InlineData(":9092")]
    public void Parse_Malformed_Throws(string servers) => Assert.Throws<ArgumentException>(() => BootstrapServers.Parse(servers));
}
