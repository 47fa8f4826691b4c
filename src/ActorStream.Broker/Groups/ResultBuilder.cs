namespace ActorStream.Broker.Groups;

/// <summary>
/// Collects one command's events, replies and timers; reused across commands so that handling allocates
/// only the result itself. Not thread-safe (owned by one <see cref="GroupCoordinatorState"/>).
/// </summary>
internal sealed class ResultBuilder
{
    private readonly List<IGroupEvent> _events = [];
    private readonly List<IGroupReply> _replies = [];
    private readonly List<TimerRequest> _timers = [];

    public bool IsEmpty => _events.Count == 0 && _replies.Count == 0 && _timers.Count == 0;

    public void AddEvent(IGroupEvent groupEvent) => _events.Add(groupEvent);

    public void AddReply(IGroupReply reply) => _replies.Add(reply);

    public void AddTimer(TimerRequest timer) => _timers.Add(timer);

    public void Clear()
    {
        _events.Clear();
        _replies.Clear();
        _timers.Clear();
    }

    public GroupCoordinatorResult Build()
    {
        if (IsEmpty)
        {
            return GroupCoordinatorResult.Empty;
        }

        var result = new GroupCoordinatorResult(
            _events.Count == 0 ? null : _events.ToArray(),
            _replies.Count == 0 ? null : _replies.ToArray(),
            _timers.Count == 0 ? null : _timers.ToArray());
        Clear();
        return result;
    }
}
