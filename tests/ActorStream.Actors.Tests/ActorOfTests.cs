using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

/// <summary>Creating actors: names, auto names, and uniqueness among siblings.</summary>
public sealed class ActorOfTests : TestKit.Xunit2.TestKit
{
    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Receive<string>(name =>
            {
                try
                {
                    var child = name.Length == 0 ? Context.ActorOf(Props.Create(() => new Idle())) : Context.ActorOf(Props.Create(() => new Idle()), name);
                    Sender.Tell(child.Path.Name);
                }
                catch (InvalidActorNameException e)
                {
                    Sender.Tell(e.GetType());
                }
            });
        }
    }

    [Fact]
    public void ActorOf_WithName_PathEndsWithName()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idle()), "named-1");
        Assert.Equal("named-1", actor.Path.Name);
        Assert.Equal($"akka://{Sys.Name}/user/named-1", actor.Path.ToString());
        Assert.NotEqual(ActorPath.UndefinedUid, actor.Path.Uid);
    }

    [Fact]
    public void ActorOf_DuplicateName_ThrowsInvalidActorNameException()
    {
        Sys.ActorOf(Props.Create(() => new Idle()), "twice");
        var ex = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Idle()), "twice"));
        Assert.Contains("twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ActorOf_DuplicateChildName_ThrowsInsideParent()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent()));
        parent.Tell("kid");
        ExpectMsg("kid");
        parent.Tell("kid");
        Assert.Equal(typeof(InvalidActorNameException), ExpectMsg<Type>());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("$reserved")]
    [InlineData("bad#hash")]
    [InlineData("ünïcode")]
    [InlineData("%zz")]
    public void ActorOf_InvalidName_ThrowsInvalidActorNameException(string name)
    {
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Idle()), name));
    }

    [Fact]
    public void ActorOf_EmptyName_ThrowsInvalidActorNameException()
    {
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new Idle()), string.Empty));
    }

    [Theory]
    [InlineData("a-b_c.d")]
    [InlineData("x*y+z:@&=,!~';()")]
    [InlineData("escaped%20name")]
    public void ActorOf_NameWithAllowedSpecialCharacters_IsAccepted(string name)
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idle()), name);
        Assert.Equal(name, actor.Path.Name);
    }

    [Fact]
    public void ActorOf_NoName_GetsSequentialDollarNames()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent()));
        parent.Tell(string.Empty);
        parent.Tell(string.Empty);
        parent.Tell(string.Empty);
        Assert.Equal(new[] { "$a", "$b", "$c" }, ReceiveN(3).Cast<string>());
    }

    [Fact]
    public void ActorOf_NoNameTopLevel_DistinctDollarNames()
    {
        var names = Enumerable.Range(0, 100).Select(_ => Sys.ActorOf(Props.Create(() => new Idle())).Path.Name).ToList();
        Assert.All(names, n => Assert.StartsWith("$", n, StringComparison.Ordinal));
        Assert.Equal(100, names.Distinct().Count());
    }

    [Fact]
    public void ActorOf_NameOfStoppedActor_CanBeReused()
    {
        var first = Sys.ActorOf(Props.Create(() => new Idle()), "reused");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        IActorRef? second = null;
        AwaitAssert(() => second = Sys.ActorOf(Props.Create(() => new Idle()), "reused"));
        Assert.Equal(first.Path, second!.Path);
        Assert.NotEqual(first.Path.Uid, second.Path.Uid);
        Assert.NotEqual(first, second);
        second.Tell("hi");
        ExpectMsg("hi");
    }

    [Fact]
    public void ActorOf_WhileSystemTerminating_Throws()
    {
        Sys.Terminate();
        Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(Props.Create(() => new Idle())));
    }
}
