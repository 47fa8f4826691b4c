using ActorStream.Actor;

namespace ActorStream.Actors.Tests;

public sealed class EventStreamTests : TestKit.Xunit2.TestKit
{
    private class BaseEvent(int value)
    {
        public int Value { get; } = value;

        public override bool Equals(object? obj) => obj is BaseEvent other && other.GetType() == GetType() && other.Value == Value;

        public override int GetHashCode() => Value;
    }

    private sealed class DerivedEvent(int value) : BaseEvent(value);

    private sealed class OtherEvent;

    private sealed class Subscriber : ReceiveActor
    {
        public Subscriber(IActorRef report)
        {
            Context.System.EventStream.Subscribe(Self, typeof(BaseEvent));
            ReceiveAny(m => report.Tell(m));
        }
    }

    [Fact]
    public void Subscribe_ToType_ReceivesThatTypeAndSubtypes()
    {
        Assert.True(Sys.EventStream.Subscribe(TestActor, typeof(BaseEvent)));
        Sys.EventStream.Publish(new BaseEvent(1));
        Sys.EventStream.Publish(new DerivedEvent(2));
        Sys.EventStream.Publish(new OtherEvent());
        ExpectMsg<BaseEvent>(e => e.Value == 1 && e.GetType() == typeof(BaseEvent));
        ExpectMsg<DerivedEvent>(e => e.Value == 2);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Subscribe_ToSubtypeOnly_DoesNotReceiveBaseType()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DerivedEvent));
        Sys.EventStream.Publish(new BaseEvent(1));
        Sys.EventStream.Publish(new DerivedEvent(2));
        ExpectMsg<DerivedEvent>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Subscribe_Twice_ReturnsFalseAndDeliversOnce()
    {
        Assert.True(Sys.EventStream.Subscribe(TestActor, typeof(BaseEvent)));
        Assert.False(Sys.EventStream.Subscribe(TestActor, typeof(BaseEvent)));
        Sys.EventStream.Subscribe(TestActor, typeof(DerivedEvent));
        Sys.EventStream.Publish(new DerivedEvent(3));
        ExpectMsg<DerivedEvent>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unsubscribe_Channel_StopsDelivery()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(BaseEvent));
        Sys.EventStream.Subscribe(TestActor, typeof(OtherEvent));
        Assert.True(Sys.EventStream.Unsubscribe(TestActor, typeof(BaseEvent)));
        Assert.False(Sys.EventStream.Unsubscribe(TestActor, typeof(BaseEvent)));
        Sys.EventStream.Publish(new BaseEvent(1));
        Sys.EventStream.Publish(new OtherEvent());
        ExpectMsg<OtherEvent>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unsubscribe_All_StopsEveryChannel()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(BaseEvent));
        Sys.EventStream.Subscribe(TestActor, typeof(OtherEvent));
        Assert.True(Sys.EventStream.Unsubscribe(TestActor));
        Sys.EventStream.Publish(new BaseEvent(1));
        Sys.EventStream.Publish(new OtherEvent());
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Subscriber_Stopped_IsRemovedAutomatically()
    {
        var subscriber = Sys.ActorOf(Props.Create(() => new Subscriber(TestActor)));
        subscriber.Tell("ready?");
        ExpectMsg("ready?");
        Assert.True(Sys.EventStream.HasSubscribers(typeof(DerivedEvent)));
        Sys.EventStream.Publish(new DerivedEvent(1));
        ExpectMsg<DerivedEvent>();

        Watch(subscriber);
        Sys.Stop(subscriber);
        ExpectTerminated(subscriber);
        AwaitCondition(() => !Sys.EventStream.HasSubscribers(typeof(BaseEvent)), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Publish_ManyEventsFromOneThread_ArriveInOrder()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(BaseEvent));
        for (var i = 0; i < 500; i++)
        {
            Sys.EventStream.Publish(new BaseEvent(i));
        }

        var values = ReceiveN(500).Cast<BaseEvent>().Select(e => e.Value);
        Assert.Equal(Enumerable.Range(0, 500), values);
    }

    [Fact]
    public void Publish_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Sys.EventStream.Publish(null!));
    }

    [Fact]
    public void HasSubscribers_NoSubscriber_False()
    {
        Assert.False(Sys.EventStream.HasSubscribers(typeof(OtherEvent)));
        Sys.EventStream.Subscribe(TestActor, typeof(object));
        Assert.True(Sys.EventStream.HasSubscribers(typeof(OtherEvent)));
    }

    [Fact]
    public async Task Subscribe_WhileAnotherThreadLooksUpTheType_LookupsAfterwardsSeeTheSubscriber()
    {
        var stale = 0;
        for (var i = 0; i < 2000; i++)
        {
            var stream = new Event.EventStream();
            using var stop = new CancellationTokenSource();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reader = Task.Run(() =>
            {
                started.TrySetResult();
                while (!stop.IsCancellationRequested)
                {
                    stream.HasSubscribers(typeof(OtherEvent));
                }
            });
            await started.Task;

            stream.Subscribe(TestActor, typeof(OtherEvent));
            if (!stream.HasSubscribers(typeof(OtherEvent)))
            {
                stale++;
            }

            await stop.CancelAsync();
            await reader;
        }

        Assert.Equal(0, stale);
    }
}
