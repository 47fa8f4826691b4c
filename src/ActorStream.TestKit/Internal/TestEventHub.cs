using System.Runtime.CompilerServices;
using ActorStream.Actor;
using ActorStream.Event;
using Xunit.Abstractions;

namespace ActorStream.TestKit.Internal;

/// <summary>
/// Per system: a listener actor on the event stream that lets active event filters count (and
/// swallow) matching log events and dead letters, and writes the rest to the test output.
/// </summary>
internal sealed class TestEventHub
{
    private static readonly ConditionalWeakTable<ActorSystem, TestEventHub> s_hubs = [];

    private readonly Lock _lock = new();
    private List<EventFilterBase> _filters = [];

    private TestEventHub(ActorSystem system)
    {
        var listener = ((ExtendedActorSystem)system).SystemActorOf(Props.Create(() => new Listener(this)), "testEventListener");
        system.EventStream.Subscribe(listener, typeof(LogEvent));
        system.EventStream.Subscribe(listener, typeof(DeadLetter));
        system.EventStream.Subscribe(listener, typeof(UnhandledMessage));
    }

    public ITestOutputHelper? Output { get; set; }

    public static TestEventHub For(ActorSystem system) => s_hubs.GetValue(system, static s => new TestEventHub(s));

    public void Add(EventFilterBase filter)
    {
        lock (_lock)
        {
            _filters = [.. _filters, filter];
        }
    }

    public void Remove(EventFilterBase filter)
    {
        lock (_lock)
        {
            var updated = new List<EventFilterBase>(_filters);
            updated.Remove(filter);
            _filters = updated;
        }
    }

    private void Handle(object e)
    {
        foreach (var filter in Volatile.Read(ref _filters))
        {
            if (filter.TryMatch(e))
            {
                return;
            }
        }

        if (e is LogEvent log && Output is { } output)
        {
            try
            {
                output.WriteLine(log.ToString());
            }
            catch (InvalidOperationException)
            {
                // The test already finished; xUnit refuses late output.
            }
        }
    }

    private sealed class Listener : ActorBase
    {
        private readonly TestEventHub _hub;

        public Listener(TestEventHub hub) => _hub = hub;

        protected internal override bool Receive(object message)
        {
            _hub.Handle(message);
            return true;
        }
    }
}
