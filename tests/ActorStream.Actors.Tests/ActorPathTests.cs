using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class ActorPathTests
{
    [Fact]
    public void Parse_LocalPathWithUid_ExposesElementsNameAndUid()
    {
        var path = ActorPath.Parse("akka://sys/user/a/b#42");
        Assert.Equal(new Address("akka", "sys"), path.Address);
        Assert.Equal(new[] { "user", "a", "b" }, path.Elements);
        Assert.Equal("b", path.Name);
        Assert.Equal(42, path.Uid);
        Assert.Equal(3, path.Depth);
        Assert.Equal("akka://sys/user/a", path.Parent!.ToString());
        Assert.Equal("/", path.Root.Name);
    }

    [Fact]
    public void Parse_RemotePath_KeepsHostAndPort()
    {
        var path = ActorPath.Parse("akka.tcp://sys@host.example:2552/user/x");
        Assert.Equal("akka.tcp", path.Address.Protocol);
        Assert.Equal("sys", path.Address.System);
        Assert.Equal("host.example", path.Address.Host);
        Assert.Equal(2552, path.Address.Port);
        Assert.Equal("akka.tcp://sys@host.example:2552/user/x", path.ToString());
    }

    [Fact]
    public void ToString_OmitsUid_ToSerializationFormatIncludesIt()
    {
        var path = ActorPath.Parse("akka://sys/user/a#123");
        Assert.Equal("akka://sys/user/a", path.ToString());
        Assert.Equal("akka://sys/user/a", path.ToStringWithoutUid());
        Assert.Equal("akka://sys/user/a#123", path.ToSerializationFormat());
        Assert.Equal("akka://sys/user/a", ActorPath.Parse("akka://sys/user/a").ToSerializationFormat());
    }

    [Fact]
    public void Equals_IgnoresUid()
    {
        var a = ActorPath.Parse("akka://sys/user/a#1");
        var b = ActorPath.Parse("akka://sys/user/a#2");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ActorPath.Parse("akka://sys/user/b#1"));
        Assert.NotEqual(a, ActorPath.Parse("akka://other/user/a#1"));
        Assert.NotEqual(a, ActorPath.Parse("akka://sys/user/a/c"));
    }

    [Fact]
    public void Child_BuildsPathsAndSlashOperatorMatches()
    {
        var root = ActorPath.CreateRoot(new Address("akka", "sys"));
        var path = root / "user" / "a";
        Assert.Equal(ActorPath.Parse("akka://sys/user/a"), path);
        Assert.Equal(7, root.Child("user").Child("b", 7).Uid);
        Assert.Equal(9, path.WithUid(9).Uid);
        Assert.Equal(path, path.WithUid(9));
    }

    [Fact]
    public void Child_InvalidName_Throws()
    {
        var root = ActorPath.CreateRoot(new Address("akka", "sys"));
        Assert.Throws<InvalidActorNameException>(() => root.Child("a b"));
        Assert.Throws<InvalidActorNameException>(() => root.Child(string.Empty));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a path")]
    [InlineData("akka://")]
    [InlineData("akka://sys/user/a#notanumber")]
    [InlineData("akka://sys/user/bad name")]
    [InlineData("akka.tcp://sys@host:notaport/user")]
    public void TryParse_Invalid_ReturnsFalseAndParseThrows(string text)
    {
        Assert.False(ActorPath.TryParse(text, out _));
        Assert.Throws<UriFormatException>(() => ActorPath.Parse(text));
    }

    [Fact]
    public void CompareTo_OrdersByText()
    {
        var a = ActorPath.Parse("akka://sys/user/a");
        var b = ActorPath.Parse("akka://sys/user/b");
        Assert.True(a.CompareTo(b) < 0);
        Assert.True(b.CompareTo(a) > 0);
        Assert.Equal(0, a.CompareTo(ActorPath.Parse("akka://sys/user/a#5")));
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("a%2Fb", true)]
    [InlineData("a%2", false)]
    [InlineData("a?b", false)]
    [InlineData("a\tb", false)]
    public void IsValidPathElement_FollowsAkkaCharacterSet(string element, bool valid)
    {
        Assert.Equal(valid, ActorPath.IsValidPathElement(element));
    }
}
