namespace ActorStream.Broker.Topics;

/// <summary>
/// The latest <see cref="TopicsSnapshot"/>, for readers outside the topic manager (the Metadata
/// handler) that must not ask an actor on every request. The manager updates it on every change;
/// reads are a volatile load. Thread-safe.
/// </summary>
public sealed class TopicsView
{
    private TopicsSnapshot _current = TopicsSnapshot.Empty;

    /// <summary>The latest snapshot (empty before the manager has recovered).</summary>
    public TopicsSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Installs <paramref name="snapshot"/> unless a newer one is already there.</summary>
    public void Update(TopicsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var seen = Volatile.Read(ref _current);
        while (snapshot.Version >= seen.Version)
        {
            var previous = Interlocked.CompareExchange(ref _current, snapshot, seen);
            if (ReferenceEquals(previous, seen))
            {
                return;
            }

            seen = previous;
        }
    }
}
