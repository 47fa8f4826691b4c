using System.Diagnostics;
using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

/// <summary>The real (hashed-wheel) scheduler: never early, repeats, cancellation.</summary>
public sealed class SchedulerTests : TestKit.Xunit2.TestKit
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(50)]
    [InlineData(120)]
    public void ScheduleTellOnce_NeverFiresEarly(int delayMs)
    {
        var delay = TimeSpan.FromMilliseconds(delayMs);
        for (var i = 0; i < 3; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            Sys.Scheduler.ScheduleTellOnce(delay, TestActor, i, ActorRefs.NoSender);
            ExpectMsg(i, TimeSpan.FromSeconds(3));
            Assert.True(stopwatch.Elapsed >= delay, $"fired after {stopwatch.Elapsed}, before {delay}");
        }
    }

    [Fact]
    public void ScheduleTellOnce_ManyDifferentDelays_ArriveInDeadlineOrderAndNotEarly()
    {
        var stopwatch = Stopwatch.StartNew();
        var delays = new[] { 90, 10, 50, 30, 70 };
        foreach (var d in delays)
        {
            Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(d), TestActor, d, ActorRefs.NoSender);
        }

        foreach (var expected in delays.Order())
        {
            ExpectMsg(expected, TimeSpan.FromSeconds(3));
            Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(expected), $"{expected}ms message arrived at {stopwatch.Elapsed}");
        }
    }

    [Fact]
    public void ScheduleTellOnce_KeepsSender()
    {
        var probe = CreateTestProbe();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(10), TestActor, "from-probe", probe.Ref);
        ExpectMsg("from-probe");
        Assert.Equal(probe.Ref, LastSender);
    }

    [Fact]
    public void ScheduleTellOnceCancelable_CancelledBeforeDeadline_NeverArrives()
    {
        var cancelable = Sys.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMilliseconds(100), TestActor, "cancelled", ActorRefs.NoSender);
        cancelable.Cancel();
        Assert.True(cancelable.IsCancellationRequested);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void ScheduleTellRepeatedly_RepeatsNotEarlyUntilCancelled()
    {
        var stopwatch = Stopwatch.StartNew();
        var cancelable = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(40), TestActor, "again", ActorRefs.NoSender);
        for (var i = 0; i < 3; i++)
        {
            ExpectMsg("again", TimeSpan.FromSeconds(3));
            var earliest = TimeSpan.FromMilliseconds(30 + (40 * i));
            Assert.True(stopwatch.Elapsed >= earliest, $"repeat {i} at {stopwatch.Elapsed}, before {earliest}");
        }

        cancelable.Cancel();

        // Fires that happened before Cancel returned may still be queued (a slow test thread can
        // fall several intervals behind): a marker sent now lands behind all of them.
        TestActor.Tell("marker", ActorRefs.NoSender);
        FishForMessage<string>(m => m == "marker", TimeSpan.FromSeconds(3));

        // One fire may have passed its cancellation check at the very moment Cancel ran.
        var racing = ReceiveOne(TimeSpan.FromMilliseconds(50));
        Assert.True(racing is null or "again", $"unexpected {racing}");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void ScheduleOnce_Action_Runs()
    {
        var ran = 0;
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(10), () => Interlocked.Increment(ref ran));
        AwaitCondition(() => Volatile.Read(ref ran) == 1, TimeSpan.FromSeconds(3));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(1, Volatile.Read(ref ran));
    }

    [Fact]
    public void ScheduleRepeatedly_Action_RunsUntilCancelled()
    {
        var ran = 0;
        var cancelable = Sys.Scheduler.ScheduleRepeatedlyCancelable(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), () => Interlocked.Increment(ref ran));
        AwaitCondition(() => Volatile.Read(ref ran) >= 3, TimeSpan.FromSeconds(3));
        cancelable.Cancel();
        var afterCancel = Volatile.Read(ref ran);
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
        Assert.True(Volatile.Read(ref ran) <= afterCancel + 1);
    }

    [Fact]
    public void ScheduleOnce_ThrowingAction_DoesNotStopTheScheduler()
    {
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(5), () => throw new InvalidOperationException("scheduled boom"));
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(30), TestActor, "still ticking", ActorRefs.NoSender);
        ExpectMsg("still ticking");
    }

    [Fact]
    public void ScheduleRepeatedly_NonPositiveInterval_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.Zero, TestActor, "x", ActorRefs.NoSender));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.Scheduler.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(-1), () => { }));
    }

    [Fact]
    public void ScheduleTellOnce_LongDelayBeyondOneWheelRound_NeverEarly()
    {
        // 512 ticks of 10ms is one round; use a 1ms-tick system so a short delay spans several rounds.
        using var system = ActorSystem.Create("wheel-rounds", Configuration.ConfigurationFactory.ParseString("""
            actorstream.scheduler { tick-duration = 1ms, ticks-per-wheel = 8 }
            """));
        var probe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopwatch = Stopwatch.StartNew();
        TimeSpan firedAt = default;
        system.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(60), () =>
        {
            firedAt = stopwatch.Elapsed;
            probe.SetResult();
        });
        AwaitCondition(() => probe.Task.IsCompleted, TimeSpan.FromSeconds(3));
        Assert.True(firedAt >= TimeSpan.FromMilliseconds(60), $"fired at {firedAt}");
    }

    [Fact]
    public void Cancelable_CreateCanceled_IsCancelledAndTokenToo()
    {
        var cancelable = Cancelable.CreateCanceled();
        Assert.True(cancelable.IsCancellationRequested);
        Assert.True(cancelable.Token.IsCancellationRequested);
    }

    [Fact]
    public void Cancelable_CancelAfter_CancelsLater()
    {
        using var cancelable = new Cancelable(Sys.Scheduler, TimeSpan.FromMilliseconds(30));
        Assert.False(cancelable.IsCancellationRequested);
        AwaitCondition(() => cancelable.IsCancellationRequested, TimeSpan.FromSeconds(3));
        Assert.True(cancelable.Token.IsCancellationRequested);
    }

    [Fact]
    public void MonotonicClock_Advances()
    {
        var first = Sys.Scheduler.MonotonicClock;
        AwaitCondition(() => Sys.Scheduler.MonotonicClock > first, TimeSpan.FromSeconds(1));
    }
}
