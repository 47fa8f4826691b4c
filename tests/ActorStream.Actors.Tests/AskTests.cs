using System.Diagnostics;
using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class AskTests : TestKit.Xunit2.TestKit
{
    public AskTests()
        : base("actorstream.actor.ask-timeout = 300ms")
    {
    }

    private sealed class Responder : ReceiveActor
    {
        public Responder()
        {
            Receive<int>(i => Sender.Tell(i * 2));
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("remote failure"))));
            Receive<string>(s => s == "success", _ => Sender.Tell(new Status.Success(41)));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => s == "stop", _ => Context.Stop(Self));
            Receive<string>(s => s == "wrong-type", _ => Sender.Tell("a string"));
            Receive<string>(s => s == "twice", _ =>
            {
                Sender.Tell(1);
                Sender.Tell(2);
            });
            Receive<(IActorRef ReplyTo, int Value)>(m => m.ReplyTo.Tell(m.Value + 1));
        }
    }

    private IActorRef NewResponder() => Sys.ActorOf(Props.Create(() => new Responder()));

    [Fact]
    public async Task Ask_Reply_CompletesWithValue()
    {
        Assert.Equal(42, await NewResponder().Ask<int>(21, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_Untyped_CompletesWithObject()
    {
        Assert.Equal(10, await NewResponder().Ask(5, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_StatusFailure_ThrowsTheCause()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => NewResponder().Ask<int>("fail", TimeSpan.FromSeconds(3)));
        Assert.Equal("remote failure", ex.Message);
    }

    [Fact]
    public async Task Ask_StatusSuccessOfExpectedType_CompletesWithItsValue()
    {
        Assert.Equal(41, await NewResponder().Ask<int>("success", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_NoReply_ThrowsAskTimeoutExceptionNotEarly()
    {
        var stopwatch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<AskTimeoutException>(() => NewResponder().Ask<int>("silent", TimeSpan.FromMilliseconds(150)));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(150), $"timed out after {stopwatch.Elapsed}");
        Assert.Contains("timed out", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ask_NoTimeoutGiven_UsesConfiguredAskTimeout()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(300), Sys.Settings.AskTimeout);
        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<AskTimeoutException>(() => NewResponder().Ask<int>("silent"));
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(300), $"timed out after {stopwatch.Elapsed}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Ask_WrongReplyType_ThrowsArgumentException()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => NewResponder().Ask<int>("wrong-type", TimeSpan.FromSeconds(3)));
        Assert.Contains("Int32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_SecondReply_GoesToDeadLetters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Event.DeadLetter));
        Assert.Equal(1, await NewResponder().Ask<int>("twice", TimeSpan.FromSeconds(3)));
        Assert.Equal(2, (await ExpectMsgAsync<Event.DeadLetter>()).Message);
    }

    [Fact]
    public async Task Ask_MessageFactory_GetsTheTemporaryReplyTo()
    {
        var result = await NewResponder().Ask<int>(replyTo => (replyTo, 9), TimeSpan.FromSeconds(3));
        Assert.Equal(10, result);
    }

    [Fact]
    public async Task Ask_Cancelled_ThrowsTaskCanceled()
    {
        using var cts = new CancellationTokenSource();
        var task = NewResponder().Ask<int>("silent", TimeSpan.FromSeconds(10), cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task Ask_NonPositiveTimeout_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => NewResponder().Ask<int>(1, TimeSpan.Zero));
    }

    [Fact]
    public async Task Ask_ActorSelection_Works()
    {
        Sys.ActorOf(Props.Create(() => new Responder()), "responder");
        Assert.Equal(8, await Sys.ActorSelection("/user/responder").Ask<int>(4, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_TemporaryRef_LivesUnderTemp()
    {
        var responder = Sys.ActorOf(Props.Create(() => new Echo()));
        var sender = await responder.Ask<IActorRef>("who", TimeSpan.FromSeconds(3));
        Assert.Equal("temp", sender.Path.Parent!.Name);
        Assert.StartsWith("$", sender.Path.Name, StringComparison.Ordinal);
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(_ => Sender.Tell(Sender));
    }

    [Fact]
    public async Task Ask_ManyConcurrent_EachGetsItsOwnReply()
    {
        var responder = NewResponder();
        var tasks = Enumerable.Range(0, 1_000).Select(i => responder.Ask<int>(i, TimeSpan.FromSeconds(5))).ToArray();
        var results = await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => i * 2), results);
    }
}
