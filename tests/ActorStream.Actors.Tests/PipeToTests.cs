using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class PipeToTests : TestKit.Xunit2.TestKit
{
    private sealed class Worker : ReceiveActor
    {
        public Worker()
        {
            Receive<TaskCompletionSource<int>>(tcs => tcs.Task.PipeTo(Self, Sender));
            Receive<int>(i => Sender.Tell(("result", i)));
            Receive<Status.Failure>(f => Sender.Tell(("failure", f.Cause.Message)));
        }
    }

    [Fact]
    public async Task PipeTo_Success_DeliversResult()
    {
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(() => tcs.SetResult(5));
        await tcs.Task.PipeTo(TestActor);
        await ExpectMsgAsync(5);
    }

    [Fact]
    public async Task PipeTo_Failure_DeliversStatusFailureWithCause()
    {
        var failed = Task.FromException<int>(new InvalidOperationException("piped failure"));
        await failed.PipeTo(TestActor);
        var failure = await ExpectMsgAsync<Status.Failure>();
        Assert.IsType<InvalidOperationException>(failure.Cause);
        Assert.Equal("piped failure", failure.Cause.Message);
    }

    [Fact]
    public async Task PipeTo_InsideActor_ResultComesBackAsMessageWithSenderKept()
    {
        var worker = Sys.ActorOf(Props.Create(() => new Worker()));
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Tell(tcs);
        tcs.SetResult(11);
        await ExpectMsgAsync(("result", 11));
    }

    [Fact]
    public async Task PipeTo_InsideActorFailure_StatusFailureComesBack()
    {
        var worker = Sys.ActorOf(Props.Create(() => new Worker()));
        var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Tell(tcs);
        tcs.SetException(new TimeoutException("too slow"));
        await ExpectMsgAsync(("failure", "too slow"));
    }

    [Fact]
    public async Task PipeTo_CustomMappers_AreApplied()
    {
        await Task.FromResult(3).PipeTo(TestActor, success: v => $"ok:{v}");
        await ExpectMsgAsync("ok:3");
        await Task.FromException<int>(new FormatException("bad")).PipeTo(TestActor, failure: e => $"err:{e.Message}");
        await ExpectMsgAsync("err:bad");
    }

    [Fact]
    public async Task PipeTo_NonGenericTask_DeliversStatusSuccess()
    {
        await Task.CompletedTask.PipeTo(TestActor);
        Assert.Same(Status.Success.Instance, await ExpectMsgAsync<Status.Success>());
    }

    [Fact]
    public async Task PipeTo_ExplicitSender_IsUsed()
    {
        var probe = CreateTestProbe();
        await Task.FromResult("x").PipeTo(TestActor, probe.Ref);
        await ExpectMsgAsync("x");
        Assert.Equal(probe.Ref, LastSender);
    }
}
