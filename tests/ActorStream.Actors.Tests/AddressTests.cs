using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class AddressTests
{
    [Fact]
    public void Parse_Local_HasLocalScope()
    {
        var address = Address.Parse("akka://sys");
        Assert.Equal("akka", address.Protocol);
        Assert.Equal("sys", address.System);
        Assert.Null(address.Host);
        Assert.Null(address.Port);
        Assert.True(address.HasLocalScope);
        Assert.Equal("akka://sys", address.ToString());
    }

    [Fact]
    public void Parse_Remote_RoundTrips()
    {
        var address = Address.Parse("akka.tcp://sys@10.0.0.1:2552");
        Assert.Equal("10.0.0.1", address.Host);
        Assert.Equal(2552, address.Port);
        Assert.False(address.HasLocalScope);
        Assert.Equal("akka.tcp://sys@10.0.0.1:2552", address.ToString());
        Assert.Equal(address, Address.Parse(address.ToString()));
    }

    [Fact]
    public void Equality_ByAllParts()
    {
        Assert.Equal(new Address("akka.tcp", "s", "h", 1), new Address("akka.tcp", "s", "h", 1));
        Assert.Equal(new Address("akka.tcp", "s", "h", 1).GetHashCode(), new Address("akka.tcp", "s", "h", 1).GetHashCode());
        Assert.NotEqual(new Address("akka.tcp", "s", "h", 1), new Address("akka.tcp", "s", "h", 2));
        Assert.NotEqual(new Address("akka", "s"), new Address("akka", "t"));
        Assert.NotEqual(new Address("akka", "s"), new Address("akka.tcp", "s"));
    }

    [Fact]
    public void WithHostPort_ReturnsRemoteAddress()
    {
        var remote = new Address("akka.tcp", "sys").WithHostPort("localhost", 9000);
        Assert.Equal("akka.tcp://sys@localhost:9000", remote.ToString());
    }

    [Theory]
    [InlineData("sys")]
    [InlineData("akka://")]
    [InlineData("akka://sys/user")]
    [InlineData("akka.tcp://sys@host:99999")]
    [InlineData("akka.tcp://@host:1")]
    public void Parse_Invalid_ThrowsUriFormatException(string text)
    {
        Assert.Throws<UriFormatException>(() => Address.Parse(text));
    }

    [Fact]
    public void ActorRefPath_UsesSystemAddress()
    {
        using var system = ActorSystem.Create("addr-sys");
        var guardianPath = ActorPath.Parse("akka://addr-sys/user");
        Assert.Equal(new Address("akka", "addr-sys"), guardianPath.Address);
        Assert.Equal("akka://addr-sys", system.ToString());
    }
}
