using System.Collections.Concurrent;
using ActorStream.Actor;
using ActorStream.Configuration;

namespace ActorStream.Actors.Tests;

public sealed class CoordinatedShutdownTests
{
    private sealed class Stoppable : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _log;

        public Stoppable(ConcurrentQueue<string> log)
        {
            _log = log;
            ReceiveAny(m => Sender.Tell(m));
        }

        protected override void PostStop() => _log.Enqueue("PostStop:" + Self.Path.Name);
    }

    private static Func<Task<Done>> Record(ConcurrentQueue<string> log, string name) => () =>
    {
        log.Enqueue(name);
        return Task.FromResult(Done.Instance);
    };

    [Fact]
    public void OrderedPhases_FollowDependencies()
    {
        using var system = ActorSystem.Create("cs-phases");
        var phases = CoordinatedShutdown.Get(system).OrderedPhases;
        Assert.Equal(CoordinatedShutdown.PhaseBeforeServiceUnbind, phases[0]);
        Assert.Equal(CoordinatedShutdown.PhaseActorSystemTerminate, phases[^1]);
        Assert.True(phases.ToList().IndexOf(CoordinatedShutdown.PhaseServiceUnbind) < phases.ToList().IndexOf(CoordinatedShutdown.PhaseServiceRequestsDone));
        Assert.True(phases.ToList().IndexOf(CoordinatedShutdown.PhaseClusterLeave) < phases.ToList().IndexOf(CoordinatedShutdown.PhaseClusterExiting));
        Assert.Equal(12, phases.Count);
    }

    [Fact]
    public async Task Terminate_RunsPhasesInOrderThenStopsActors()
    {
        var system = ActorSystem.Create("cs-order");
        var log = new ConcurrentQueue<string>();
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "last-user-phase", Record(log, "before-actor-system-terminate"));
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "stop", Record(log, "service-stop"));
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "first", Record(log, "before-service-unbind"));
        shutdown.AddTask(CoordinatedShutdown.PhaseClusterLeave, "leave", Record(log, "cluster-leave"));
        system.ActorOf(Props.Create(() => new Stoppable(log)), "worker");
        Assert.Equal("ping", await system.ActorSelection("/user/worker").Ask<string>("ping", TimeSpan.FromSeconds(3)));

        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(
            new[] { "before-service-unbind", "service-stop", "cluster-leave", "before-actor-system-terminate", "PostStop:worker" },
            log.ToArray());
        Assert.IsType<CoordinatedShutdown.ActorSystemTerminateReason>(shutdown.ShutdownReason);
    }

    [Fact]
    public async Task AddTask_SeveralInOnePhase_AllRunConcurrently()
    {
        var system = ActorSystem.Create("cs-parallel");
        var shutdown = CoordinatedShutdown.Get(system);
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "a", async () =>
        {
            firstStarted.SetResult();
            await secondStarted.Task;
            return Done.Instance;
        });
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "b", async () =>
        {
            secondStarted.SetResult();
            await firstStarted.Task;
            return Done.Instance;
        });

        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(4));
        Assert.True(firstStarted.Task.IsCompleted);
        Assert.True(secondStarted.Task.IsCompleted);
    }

    [Fact]
    public async Task Run_Explicitly_TerminatesSystemAndSecondRunReturnsSameTask()
    {
        var system = ActorSystem.Create("cs-run");
        var shutdown = CoordinatedShutdown.Get(system);
        var first = shutdown.Run(CoordinatedShutdown.UnknownReason.Instance);
        var second = shutdown.Run(CoordinatedShutdown.ClrExitReason.Instance);
        Assert.Same(first, second);
        Assert.Equal(Done.Instance, await first.WaitAsync(TimeSpan.FromSeconds(10)));
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<CoordinatedShutdown.UnknownReason>(shutdown.ShutdownReason);
    }

    [Fact]
    public async Task Task_Failing_DoesNotStopLaterPhases()
    {
        var system = ActorSystem.Create("cs-failing");
        var log = new ConcurrentQueue<string>();
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "fails", () => Task.FromException<Done>(new InvalidOperationException("task failed")));
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "after", Record(log, "after"));
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { "after" }, log.ToArray());
    }

    [Fact]
    public async Task Phase_TimesOut_NextPhaseStillRuns()
    {
        var system = ActorSystem.Create("cs-timeout", ConfigurationFactory.ParseString("actorstream.coordinated-shutdown.phases.service-unbind.timeout = 100ms"));
        var log = new ConcurrentQueue<string>();
        var shutdown = CoordinatedShutdown.Get(system);
        var never = new TaskCompletionSource<Done>();
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceUnbind, "hangs", () => never.Task);
        shutdown.AddTask(CoordinatedShutdown.PhaseServiceStop, "after", Record(log, "after"));
        Assert.Equal(TimeSpan.FromMilliseconds(100), shutdown.Timeout(CoordinatedShutdown.PhaseServiceUnbind));
        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new[] { "after" }, log.ToArray());
    }

    [Fact]
    public void AddTask_UnknownPhase_Throws()
    {
        using var system = ActorSystem.Create("cs-unknown");
        Assert.Throws<ArgumentException>(() => CoordinatedShutdown.Get(system).AddTask("no-such-phase", "x", () => Task.FromResult(Done.Instance)));
    }

    [Fact]
    public void Timeouts_FromConfig()
    {
        using var system = ActorSystem.Create("cs-timeouts");
        var shutdown = CoordinatedShutdown.Get(system);
        Assert.Equal(TimeSpan.FromSeconds(5), shutdown.Timeout(CoordinatedShutdown.PhaseServiceUnbind));
        Assert.Equal(TimeSpan.FromSeconds(10), shutdown.Timeout(CoordinatedShutdown.PhaseActorSystemTerminate));
        Assert.True(shutdown.TotalTimeout() >= TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void Get_ReturnsSameExtensionInstance()
    {
        using var system = ActorSystem.Create("cs-extension");
        Assert.Same(CoordinatedShutdown.Get(system), CoordinatedShutdown.Get(system));
        Assert.True(system.HasExtension<CoordinatedShutdown>());
    }
}
