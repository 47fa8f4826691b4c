namespace ActorStream.Actor;

/// <summary>The stash of one actor, backed by a list; only its own turn touches it.</summary>
internal sealed class UnboundedStash(ActorCell cell) : IStash
{
    private readonly List<Envelope> _stashed = [];
    private long _lastStashedTurn = -1;

    public int Count => _stashed.Count;

    public void Stash()
    {
        var current = cell.CurrentEnvelope;
        if (current.Message is null)
        {
            throw new IllegalActorStateException("There is no current message to stash (Stash may only be called while handling a message)");
        }

        // The same delivery twice, not the same message: a singleton message may well arrive (and be stashed) twice in a row.
        if (_lastStashedTurn == cell.Turn && _stashed.Count > 0 && ReferenceEquals(_stashed[^1].Message, current.Message))
        {
            throw new IllegalActorStateException($"Cannot stash the same message twice: {current.Message}");
        }

        _lastStashedTurn = cell.Turn;
        _stashed.Add(current);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        var first = _stashed[0];
        _stashed.RemoveAt(0);
        cell.Mailbox.Queue.Prepend([first]);
        _lastStashedTurn = -1;
    }

    public void UnstashAll()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        cell.Mailbox.Queue.Prepend(_stashed.ToArray());
        _stashed.Clear();
        _lastStashedTurn = -1;
    }

    public void UnstashAll(Func<Envelope, bool> predicate)
    {
        var selected = new List<Envelope>();
        var kept = new List<Envelope>();
        foreach (var envelope in _stashed)
        {
            (predicate(envelope) ? selected : kept).Add(envelope);
        }

        _stashed.Clear();
        _stashed.AddRange(kept);
        cell.Mailbox.Queue.Prepend(selected);
        _lastStashedTurn = -1;
    }

    public IReadOnlyList<Envelope> ClearStash()
    {
        var all = _stashed.ToArray();
        _stashed.Clear();
        _lastStashedTurn = -1;
        return all;
    }
}
