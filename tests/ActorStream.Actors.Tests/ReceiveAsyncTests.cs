using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class ReceiveAsyncTests : TestKit.Xunit2.TestKit
{
    private sealed record AwaitGate(TaskCompletionSource Gate);

    private sealed class AsyncActor : ReceiveActor
    {
        public AsyncActor(IActorRef report)
        {
            ReceiveAsync<AwaitGate>(async g =>
            {
                report.Tell("started");
                await g.Gate.Task;
                report.Tell("finished");
            });
            ReceiveAsync<string>(
                async _ =>
            {
                var sender = Sender;
                var self = Self;
                var thread = Environment.CurrentManagedThreadId;
                for (var i = 0; i < 5; i++)
                {
                    await Task.Yield();
                    await Task.Run(() => { });
                }

                Sender.Tell((Sender.Equals(sender), Self.Equals(self), Context.Self.Equals(self), Context.Sender.Equals(sender)));
            }, s => s == "identity");
            ReceiveAsync<string>(
                async _ =>
                {
                    await Task.Yield();
                    throw new InvalidOperationException("async failure");
                },
                s => s == "fail-after-await");
            ReceiveAsync<string>(_ => throw new InvalidOperationException("sync failure"), s => s == "fail-sync");
            ReceiveAsync<string>(
                _ =>
                {
                    Sender.Tell("completed-sync");
                    return Task.CompletedTask;
                },
                s => s == "completed");
            Receive<int>(i => report.Tell(i));
        }

        protected override void PostRestart(Exception reason) => Context.System.EventStream.Publish(("restarted", reason.Message));
    }

    [Fact]
    public async Task ReceiveAsync_WhileTaskRuns_LaterMessagesWait()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        actor.Tell(new AwaitGate(gate));
        actor.Tell(1);
        actor.Tell(2);
        await ExpectMsgAsync("started");
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        gate.SetResult();
        await ExpectMsgAsync("finished");
        await ExpectMsgAsync(1);
        await ExpectMsgAsync(2);
    }

    [Fact]
    public async Task ReceiveAsync_AfterAwaits_SelfSenderAndContextAreIntact()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        for (var i = 0; i < 5; i++)
        {
            actor.Tell("identity");
            await ExpectMsgAsync((true, true, true, true));
        }
    }

    [Fact]
    public async Task ReceiveAsync_ConcurrentCallers_EachReplyGoesToItsOwnSender()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        var probes = Enumerable.Range(0, 5).Select(_ => CreateTestProbe()).ToArray();
        foreach (var probe in probes)
        {
            probe.Send(actor, "identity");
        }

        foreach (var probe in probes)
        {
            await probe.ExpectMsgAsync((true, true, true, true));
        }
    }

    [Fact]
    public async Task ReceiveAsync_ThrowsAfterAwait_GoesToSupervisionAndRestarts()
    {
        Sys.EventStream.Subscribe(TestActor, typeof((string, string)));
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        await EventFilter.Exception<InvalidOperationException>(contains: "async failure").ExpectOneAsync(() =>
        {
            actor.Tell("fail-after-await");
            return Task.CompletedTask;
        });
        await ExpectMsgAsync(("restarted", "async failure"));
        actor.Tell(7);
        await ExpectMsgAsync(7);
    }

    [Fact]
    public async Task ReceiveAsync_ThrowsSynchronously_GoesToSupervisionAndRestarts()
    {
        Sys.EventStream.Subscribe(TestActor, typeof((string, string)));
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        actor.Tell("fail-sync");
        await ExpectMsgAsync(("restarted", "sync failure"));
        actor.Tell(8);
        await ExpectMsgAsync(8);
    }

    [Fact]
    public async Task ReceiveAsync_CompletedTask_DoesNotSuspend()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        actor.Tell("completed");
        actor.Tell(3);
        await ExpectMsgAsync("completed-sync");
        await ExpectMsgAsync(3);
    }

    [Fact]
    public async Task ReceiveAsync_StopWhileAwaiting_ActorTerminates()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncActor(TestActor)));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Watch(actor);
        actor.Tell(new AwaitGate(gate));
        await ExpectMsgAsync("started");
        Sys.Stop(actor);
        await ExpectTerminatedAsync(actor);
        gate.SetResult();
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    private sealed class PipeBack : ReceiveActor
    {
        private int _state;

        public PipeBack()
        {
            ReceiveAsync<int>(async i =>
            {
                var before = _state;
                await Task.Run(() => { });
                _state = before + i;
                Sender.Tell(_state);
            });
        }
    }

    /// <summary>An awaiter that posts its continuation before the handler has even returned its task.</summary>
    private readonly struct PostImmediately : System.Runtime.CompilerServices.INotifyCompletion
    {
        public bool IsCompleted => false;

        public PostImmediately GetAwaiter() => this;

#pragma warning disable VSTHRD001 // Posting to the actor's own context is the point of this awaiter.
        public void OnCompleted(Action continuation) => SynchronizationContext.Current!.Post(_ => continuation(), null);
#pragma warning restore VSTHRD001

        public void GetResult()
        {
        }
    }

    private sealed class EarlyContinuation : ReceiveActor
    {
        public EarlyContinuation()
        {
            ReceiveAsync<string>(async m =>
            {
                await new PostImmediately();
                Sender.Tell("reply:" + m);
            });
        }
    }

    [Fact]
    public async Task ReceiveAsync_ContinuationPostedBeforeHandlerReturns_StillSeesTheCurrentSender()
    {
        var actor = Sys.ActorOf(Props.Create(() => new EarlyContinuation()));
        for (var i = 0; i < 3; i++)
        {
            var probe = CreateTestProbe();
            probe.Send(actor, "m" + i);
            await probe.ExpectMsgAsync("reply:m" + i);
        }
    }

    [Fact]
    public async Task ReceiveAsync_StateMutationsAcrossAwaits_AreNotInterleaved()
    {
        var actor = Sys.ActorOf(Props.Create(() => new PipeBack()));
        for (var i = 1; i <= 20; i++)
        {
            actor.Tell(1);
        }

        var replies = await ReceiveNAsync(20);
        Assert.Equal(Enumerable.Range(1, 20).Cast<object>(), replies);
    }
}
