using ActorStream.Actor;

namespace ActorStream.Event;

/// <summary>
/// Logs dead letters: the first <c>log-dead-letters</c> are logged at INFO, then logging is muted for
/// <c>log-dead-letters-suspend-duration</c> and resumes afterwards. Suppressed types are never logged.
/// </summary>
internal sealed class DeadLetterListener : ReceiveActor
{
    private readonly int _maxCount;
    private readonly TimeSpan _suspendFor;
    private readonly ActorSystemImpl _system;
    private int _count;
    private TimeSpan _mutedUntil;

    public DeadLetterListener(ActorSystemImpl system, int maxCount, TimeSpan suspendFor)
    {
        _system = system;
        _maxCount = maxCount;
        _suspendFor = suspendFor;
        Receive<DeadLetter>(Handle);
    }

    protected override void PreStart() => _system.EventStream.Subscribe(Self, typeof(DeadLetter));

    private void Handle(DeadLetter letter)
    {
        if (letter.Message is IDeadLetterSuppression || _maxCount <= 0)
        {
            return;
        }

        if (_system.IsTerminating && !_system.Settings.LogDeadLettersDuringShutdown)
        {
            return;
        }

        var now = _system.Scheduler.MonotonicClock;
        if (_count >= _maxCount)
        {
            if (now < _mutedUntil)
            {
                return;
            }

            _count = 0;
        }

        _count++;
        var suffix = _count == _maxCount
            ? $" Logging of dead letters is muted for {_suspendFor} after {_maxCount} messages."
            : string.Empty;
        if (_count == _maxCount)
        {
            _mutedUntil = now + _suspendFor;
        }

        _system.EventStream.Publish(new Info(letter.Recipient.Path.ToString(), typeof(DeadLetterListener),
            "Message [{0}] from {1} to {2} was not delivered. [{3}] dead letters encountered.{4}",
            letter.Message.GetType().Name, letter.Sender, letter.Recipient, _system.DeadLetterCount, suffix));
    }
}
