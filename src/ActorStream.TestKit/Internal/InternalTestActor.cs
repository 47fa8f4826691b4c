using ActorStream.Actor;

namespace ActorStream.TestKit.Internal;

/// <summary>
/// The actor behind TestActor and every TestProbe: queues what it receives (unless ignored), runs
/// the auto pilot, and performs watch requests so Terminated arrives in the same queue.
/// </summary>
internal sealed class InternalTestActor : ActorBase
{
    private readonly TestMessageQueue _queue;
    private readonly TestActorSettings _settings;

    public InternalTestActor(TestMessageQueue queue, TestActorSettings settings)
    {
        _queue = queue;
        _settings = settings;
    }

    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case TestActorSettings.WatchCommand watch:
                Context.Watch(watch.Subject);
                watch.Done.TrySetResult();
                return true;
            case TestActorSettings.UnwatchCommand unwatch:
                Context.Unwatch(unwatch.Subject);
                unwatch.Done.TrySetResult();
                return true;
        }

        var pilot = _settings.AutoPilot;
        if (pilot is not null && !ReferenceEquals(pilot, AutoPilot.NoAutoPilot))
        {
            var next = pilot.Run(Sender, message);
            if (!ReferenceEquals(next, AutoPilot.KeepRunning))
            {
                _settings.AutoPilot = next;
            }
        }

        var ignore = _settings.Ignore;
        if (ignore is null || !ignore(message))
        {
            _queue.Enqueue(new Envelope(message, Sender));
        }

        return true;
    }
}
