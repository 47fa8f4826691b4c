using System.Diagnostics;
using ActorStream.Actor;
using ActorStream.Configuration;
using ActorStream.TestKit.Internal;
using Xunit.Sdk;

namespace ActorStream.TestKit;

/// <summary>
/// Expectations on the messages a test actor receives, with deadlines scaled by
/// <c>actorstream.test.timefactor</c>. Every wait has an async twin (<c>...Async</c>).
/// Not thread-safe: use one TestKit (or probe) per test thread.
/// </summary>
public abstract partial class TestKitBase
{
    private static readonly Config s_defaults = ConfigurationFactory.FromResource(typeof(TestKitBase).Assembly, "ActorStream.TestKit.testkit.conf");

    private readonly TestMessageQueue _queue = new();
    private readonly TestActorSettings _actorSettings = new();
    private readonly ManualResetEventSlim _never = new(false);
    private long? _end;
    private ActorSystem? _system;
    private IActorRef? _testActor;
    private TestKitSettings? _settings;

    /// <summary>Creates the kit without a system; call <see cref="InitializeTest"/> before use.</summary>
    protected TestKitBase()
    {
    }

    /// <summary>The TestKit's own defaults (<c>actorstream.test</c> and a quieter log level).</summary>
    public static Config DefaultConfig => s_defaults;

    public ActorSystem Sys => _system ?? throw new InvalidOperationException("The TestKit has no actor system yet");

    /// <summary>The actor whose received messages the expectations look at; the implicit sender in tests.</summary>
    public IActorRef TestActor => _testActor ?? throw new InvalidOperationException("The TestKit has no test actor yet");

    public TestKitSettings TestKitSettings => _settings ?? throw new InvalidOperationException("The TestKit has no settings yet");

    /// <summary>The last message received by an expectation.</summary>
    public object? LastMessage { get; private set; }

    /// <summary>The sender of <see cref="LastMessage"/>.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;

    /// <summary>Filters for expected log events and dead letters.</summary>
    public EventFilterFactory EventFilter => new(this);

    /// <summary>Number of messages received but not yet expected.</summary>
    public bool HasMessages => _queue.Count > 0;

    /// <summary>Time left in the innermost <c>Within</c> block; fails outside one.</summary>
    public TimeSpan Remaining => _end is { } end
        ? Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), end) is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero
        : throw new InvalidOperationException("Remaining may only be used inside Within");

    /// <summary>Time left in the innermost <c>Within</c> block, or the dilated default timeout outside one.</summary>
    public TimeSpan RemainingOrDefault => _end is null ? Dilated(TestKitSettings.SingleExpectDefault) : Remaining;

    /// <summary>Sets up the system and the test actor; the implicit sender of this async flow becomes the test actor.</summary>
    protected void InitializeTest(ActorSystem system, string? testActorName = null)
    {
        _system = system;
        _settings = new TestKitSettings(system.Settings.Config.WithFallback(s_defaults));
        _testActor = system.ActorOf(
            Props.Create(() => new InternalTestActor(_queue, _actorSettings)).WithDispatcher("actorstream.actor.internal-dispatcher"),
            testActorName ?? "testActor" + Interlocked.Increment(ref s_testActorNumber));
        TestEventHub.For(system);
        SetImplicitSender();
    }

    private static int s_testActorNumber;

    /// <summary>Makes the test actor the sender of <c>Tell(message)</c> calls in the current async flow.</summary>
    protected void SetImplicitSender() => ActorCell.ImplicitSenderFallback = _testActor;

    /// <summary>Scales a duration by the time factor.</summary>
    public TimeSpan Dilated(TimeSpan duration)
        => duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TestKitSettings.TestTimeFactor));

    /// <summary>The wait for one expectation: the dilated duration (or default), capped by the enclosing Within.</summary>
    protected TimeSpan RemainingOrDilated(TimeSpan? duration)
    {
        if (duration is null)
        {
            return RemainingOrDefault;
        }

        if (duration == Timeout.InfiniteTimeSpan)
        {
            return _end is null ? Dilated(TestKitSettings.DefaultTimeout) : Remaining;
        }

        var dilated = Dilated(duration.Value);
        return _end is null ? dilated : (dilated < Remaining ? dilated : Remaining);
    }

    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    public IActorRef ActorOf<TActor>(string? name = null)
        where TActor : ActorBase, new()
        => Sys.ActorOf(Props.Create<TActor>(), name);

    /// <summary>Creates a probe: a second test actor with its own queue and expectations.</summary>
    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name);

    /// <summary>Ignores (never queues) the messages for which <paramref name="shouldIgnore"/> returns true; null clears.</summary>
    public void IgnoreMessages(Func<object, bool>? shouldIgnore) => _actorSettings.Ignore = shouldIgnore;

    public void IgnoreMessages<T>(Func<T, bool>? shouldIgnore = null)
        => _actorSettings.Ignore = m => m is T t && (shouldIgnore is null || shouldIgnore(t));

    public void IgnoreNoMessages() => _actorSettings.Ignore = null;

    /// <summary>Installs an auto pilot that reacts to messages before they are queued.</summary>
    public void SetAutoPilot(AutoPilot pilot) => _actorSettings.AutoPilot = pilot;

    /// <summary>Makes the test actor watch <paramref name="actor"/>; its Terminated then arrives in the queue.</summary>
    public IActorRef Watch(IActorRef actor)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestActor.Tell(new TestActorSettings.WatchCommand(actor, done), ActorRefs.NoSender);
        WaitFor(done.Task, "Watch");
        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestActor.Tell(new TestActorSettings.UnwatchCommand(actor, done), ActorRefs.NoSender);
        WaitFor(done.Task, "Unwatch");
        return actor;
    }

    private void WaitFor(Task task, string what)
    {
        using var signal = new ManualResetEventSlim(false);
        task.ContinueWith(static (_, s) => ((ManualResetEventSlim)s!).Set(), signal, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (!signal.Wait(Dilated(TestKitSettings.DefaultTimeout)))
        {
            throw new XunitException($"{what} was not acknowledged by the test actor in time");
        }
    }

    /// <summary>Terminates the system and fails when it does not stop within the duration (when verifying).</summary>
    public void Shutdown(TimeSpan? duration = null, bool verifySystemShutdown = false)
    {
        if (_system is null)
        {
            return;
        }

        var max = duration ?? Dilated(TestKitSettings.DefaultTimeout);
        _system.Terminate();
        using var signal = new ManualResetEventSlim(false);
        _system.WhenTerminated.ContinueWith(static (_, s) => ((ManualResetEventSlim)s!).Set(), signal, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        if (!signal.Wait(max) && verifySystemShutdown)
        {
            throw new XunitException($"The actor system {_system.Name} did not terminate within {max}");
        }
    }

    /// <summary>Waits (without spinning) for the given time; used between polls of AwaitCondition.</summary>
    private void Pause(TimeSpan interval) => _never.Wait(interval);

    private static TimeSpan Now => Stopwatch.GetElapsedTime(0);
}
