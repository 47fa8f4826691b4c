using ActorStream.Actor;
using ActorStream.Configuration;

namespace ActorStream.TestKit.Tests;

public sealed class TestSchedulerTests : Xunit2.TestKit
{
    public TestSchedulerTests()
        : base("""actorstream.scheduler.implementation = "ActorStream.TestKit.TestScheduler, ActorStream.TestKit" """)
    {
    }

    private TestScheduler Scheduler => (TestScheduler)Sys.Scheduler;

    private static TestScheduler Standalone() => new(Config.Empty);

    [Fact]
    public void Config_SelectsTestScheduler()
    {
        Assert.IsType<TestScheduler>(Sys.Scheduler);
    }

    [Fact]
    public void ScheduleTellOnce_FiresOnlyWhenAdvancedToDeadline()
    {
        Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(10), TestActor, "later", ActorRefs.NoSender);
        Scheduler.Advance(TimeSpan.FromSeconds(9));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Scheduler.Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("later");
    }

    [Fact]
    public void Advance_RunsDueItemsInDeadlineOrder()
    {
        var scheduler = Standalone();
        var order = new List<int>();
        scheduler.ScheduleOnce(TimeSpan.FromSeconds(3), () => order.Add(3));
        scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => order.Add(1));
        scheduler.ScheduleOnce(TimeSpan.FromSeconds(2), () => order.Add(2));
        scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => order.Add(11));
        scheduler.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(new[] { 1, 11, 2, 3 }, order);
        Assert.Equal(0, scheduler.PendingCount);
    }

    [Fact]
    public void ScheduleRepeatedly_FiresOncePerIntervalAdvanced()
    {
        var scheduler = Standalone();
        var count = 0;
        scheduler.ScheduleRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), () => count++);
        scheduler.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, count);
        scheduler.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(4, count);
        Assert.Equal(1, scheduler.PendingCount);
    }

    [Fact]
    public void Cancel_PreventsFiring()
    {
        var scheduler = Standalone();
        var fired = false;
        var cancelable = new Cancelable();
        scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => fired = true, cancelable);
        cancelable.Cancel();
        scheduler.Advance(TimeSpan.FromSeconds(2));
        Assert.False(fired);
    }

    [Fact]
    public void Clock_MovesOnlyWithAdvance()
    {
        var scheduler = Standalone();
        var start = scheduler.Now;
        Assert.Equal(TimeSpan.Zero, scheduler.MonotonicClock);
        scheduler.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromMinutes(5), scheduler.MonotonicClock);
        Assert.Equal(start + TimeSpan.FromMinutes(5), scheduler.Now);
        scheduler.AdvanceTo(TimeSpan.FromMinutes(7));
        Assert.Equal(TimeSpan.FromMinutes(7), scheduler.MonotonicClock);
    }

    [Fact]
    public void ScheduleDuringAdvance_DueWithinTarget_AlsoRuns()
    {
        var scheduler = Standalone();
        var order = new List<string>();
        scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () =>
        {
            order.Add("first");
            scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => order.Add("nested"));
        });
        scheduler.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(new[] { "first", "nested" }, order);
    }

    [Fact]
    public void NegativeDelay_RunsOnNextAdvance()
    {
        var scheduler = Standalone();
        var fired = false;
        scheduler.ScheduleOnce(TimeSpan.FromSeconds(-1), () => fired = true);
        scheduler.Advance(TimeSpan.Zero);
        Assert.True(fired);
    }
}
