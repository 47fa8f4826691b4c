using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class ActorSelectionTests : TestKit.Xunit2.TestKit
{
    private sealed class Node : ReceiveActor
    {
        public Node(string[] children)
        {
            foreach (var child in children)
            {
                Context.ActorOf(Props.Create(() => new Node(Array.Empty<string>())), child);
            }

            Receive<SelectFrom>(s => Context.ActorSelection(s.Path).Tell(s.Message, Sender));
            ReceiveAny(m => Sender.Tell((Self.Path.Name, m)));
        }
    }

    private sealed record SelectFrom(string Path, object Message);

    private IActorRef CreateTree()
    {
        var top = Sys.ActorOf(Props.Create(() => new Node(new[] { "c1", "c2", "d1" })), "top");

        // The children are created by top's constructor, which runs asynchronously.
        top.Tell("created?");
        ExpectMsg(("top", (object)"created?"));
        return top;
    }

    [Fact]
    public void Tell_AbsolutePath_ReachesActor()
    {
        CreateTree();
        Sys.ActorSelection("/user/top/c2").Tell("hi");
        ExpectMsg(("c2", (object)"hi"));
    }

    [Fact]
    public void Tell_FullAddressPath_ReachesActor()
    {
        CreateTree();
        Sys.ActorSelection($"akka://{Sys.Name}/user/top/c1").Tell("hi");
        ExpectMsg(("c1", (object)"hi"));
    }

    [Fact]
    public void Tell_ActorPathOverload_ReachesActor()
    {
        var top = CreateTree();
        Sys.ActorSelection(top.Path / "d1").Tell("hi");
        ExpectMsg(("d1", (object)"hi"));
    }

    [Fact]
    public void Tell_RelativePathFromActor_ReachesChild()
    {
        var top = CreateTree();
        top.Tell(new SelectFrom("c1", "rel"));
        ExpectMsg(("c1", (object)"rel"));
    }

    [Fact]
    public void Tell_DotDotFromChild_ReachesSibling()
    {
        CreateTree();
        Sys.ActorSelection("/user/top/c1").Tell(new SelectFrom("../c2", "sib"));
        ExpectMsg(("c2", (object)"sib"));
        Sys.ActorSelection("/user/top/c1").Tell(new SelectFrom("..", "up"));
        ExpectMsg(("top", (object)"up"));
    }

    [Fact]
    public void Tell_StarWildcard_ReachesEveryMatchingChild()
    {
        CreateTree();
        Sys.ActorSelection("/user/top/*").Tell("all");
        var names = ReceiveN(3).Select(m => (((string, object))m).Item1).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "c1", "c2", "d1" }, names);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        Sys.ActorSelection("/user/top/c*").Tell("c-only");
        var cs = ReceiveN(2).Select(m => (((string, object))m).Item1).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "c1", "c2" }, cs);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Tell_QuestionMarkWildcard_MatchesOneCharacter()
    {
        CreateTree();
        Sys.ActorSelection("/user/top/?1").Tell("one");
        var names = ReceiveN(2).Select(m => (((string, object))m).Item1).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "c1", "d1" }, names);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task ResolveOne_Existing_ReturnsRef()
    {
        var top = CreateTree();
        var resolved = await Sys.ActorSelection("/user/top").ResolveOne(TimeSpan.FromSeconds(3));
        Assert.Equal(top, resolved);
        Assert.Equal(top.Path.Uid, resolved.Path.Uid);
    }

    [Fact]
    public async Task ResolveOne_Missing_ThrowsActorNotFoundException()
    {
        CreateTree();
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/top/nope").ResolveOne(TimeSpan.FromSeconds(3)));
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/missing/deeper").ResolveOne(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Identify_Existing_RepliesActorIdentityWithSubjectAndId()
    {
        var top = CreateTree();
        Sys.ActorSelection("/user/top").Tell(new Identify("id-1"));
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal("id-1", identity.MessageId);
        Assert.Equal(top, identity.Subject);
    }

    [Fact]
    public void Identify_Missing_RepliesActorIdentityWithoutSubject()
    {
        Sys.ActorSelection("/user/nothing-here").Tell(new Identify(7));
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal(7, identity.MessageId);
        Assert.Null(identity.Subject);
    }

    [Fact]
    public void Identify_OtherSystemsAddress_RepliesWithoutSubject()
    {
        Sys.ActorSelection("akka://another-system/user/x").Tell(new Identify(1));
        Assert.Null(ExpectMsg<ActorIdentity>().Subject);
    }

    [Fact]
    public void Identify_SentDirectly_RepliesWithSelf()
    {
        var top = CreateTree();
        top.Tell(new Identify("direct"));
        Assert.Equal(new ActorIdentity("direct", top), ExpectMsg<ActorIdentity>());
    }

    [Fact]
    public void Tell_StoppedActor_DoesNotResolve()
    {
        var top = CreateTree();
        Watch(top);
        Sys.Stop(top);
        ExpectTerminated(top);
        Sys.ActorSelection("/user/top").Tell(new Identify(3));
        Assert.Null(ExpectMsg<ActorIdentity>().Subject);
    }
}
