using ActorStream.Kafka.Protocol;

namespace ActorStream.Client.Consuming;

/// <content>Subscription, assignment, seeking, pausing and positions.</content>
internal sealed partial class ConsumerCore
{
    /// <summary>Subscribes to <paramref name="topics"/> (replacing the previous subscription); a change makes the member rejoin.</summary>
    public void Subscribe(IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (Coordinator is null)
        {
            throw new InvalidOperationException("Subscribe needs a consumer group: set group.id (or use Assign).");
        }

        var sorted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var topic in topics)
        {
            if (string.IsNullOrWhiteSpace(topic))
            {
                throw new ArgumentException("Topic names must not be empty.", nameof(topics));
            }

            sorted.Add(topic);
        }

        if (sorted.Count == 0)
        {
            throw new ArgumentException("Subscribe needs at least one topic; call Unsubscribe to stop.", nameof(topics));
        }

        bool changed;
        lock (_lock)
        {
            if (_mode == SubscriptionMode.Assign)
            {
                throw new InvalidOperationException("The consumer has a manual assignment: call Unassign before Subscribe.");
            }

            changed = _mode != SubscriptionMode.Subscribe || !sorted.SetEquals(_subscription);
            _subscription = [.. sorted];
            _mode = SubscriptionMode.Subscribe;
        }

        foreach (var topic in sorted)
        {
            Cluster.AddTopic(topic);
        }

        if (changed)
        {
            Coordinator.RequestRejoin("the subscription changed", generationLost: false);
        }
    }

    /// <summary>
    /// Ends the subscription: the caller already revoked the assignment. Queued rebalance events
    /// become stale and the member leaves the group in the background.
    /// </summary>
    public void EndSubscription()
    {
        lock (_lock)
        {
            if (_mode != SubscriptionMode.Subscribe)
            {
                return;
            }

            _mode = SubscriptionMode.None;
            _subscription = [];
            _membershipEpoch++;
            RemoveAllLocked();
        }

        DiscardEvents();
        Coordinator?.Leave("the consumer unsubscribed");
        Fetcher.Wake();
    }

    /// <summary>Replaces the manual assignment (an empty list unassigns).</summary>
    public void Assign(IEnumerable<TopicPartitionOffset> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var wanted = new Dictionary<TopicPartition, Offset>();
        foreach (var partition in partitions)
        {
            ArgumentNullException.ThrowIfNull(partition);
            wanted[partition.TopicPartition] = partition.Offset;
        }

        lock (_lock)
        {
            if (_mode == SubscriptionMode.Subscribe)
            {
                throw new InvalidOperationException("The consumer is subscribed: call Unsubscribe before Assign.");
            }

            var removed = new List<TopicPartition>();
            foreach (var partition in _assigned.Keys)
            {
                if (!wanted.ContainsKey(partition))
                {
                    removed.Add(partition);
                }
            }

            RemoveLocked(removed);
            foreach (var (partition, offset) in wanted)
            {
                AddLocked(partition, offset, awaitingHandler: false);
            }

            _mode = _assigned.Count == 0 ? SubscriptionMode.None : SubscriptionMode.Assign;
        }

        foreach (var partition in wanted.Keys)
        {
            Cluster.AddTopic(partition.Topic);
        }

        Fetcher.Wake();
    }

    /// <summary>Adds partitions to the manual assignment (or, inside a rebalance handler, to the group's).</summary>
    public void IncrementalAssign(IEnumerable<TopicPartitionOffset> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var added = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            ArgumentNullException.ThrowIfNull(partition);
            added.Add(partition);
        }

        lock (_lock)
        {
            foreach (var partition in added)
            {
                AddLocked(partition.TopicPartition, partition.Offset, awaitingHandler: false);
            }

            if (_mode == SubscriptionMode.None && _assigned.Count > 0)
            {
                _mode = SubscriptionMode.Assign;
            }
        }

        foreach (var partition in added)
        {
            Cluster.AddTopic(partition.Topic);
        }

        Fetcher.Wake();
    }

    /// <summary>Removes partitions from the assignment.</summary>
    public void IncrementalUnassign(IEnumerable<TopicPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var removed = new List<TopicPartition>(partitions);
        lock (_lock)
        {
            RemoveLocked(removed);
            if (_mode == SubscriptionMode.Assign && _assigned.Count == 0)
            {
                _mode = SubscriptionMode.None;
            }
        }
    }

    /// <summary>Applies a group assignment: the partitions wait for the assigned handler when <paramref name="awaitingHandler"/>.</summary>
    public void ApplyGroupAssignment(List<TopicPartition> partitions, bool incremental, bool awaitingHandler)
    {
        lock (_lock)
        {
            if (!incremental)
            {
                var removed = new List<TopicPartition>();
                var wanted = new HashSet<TopicPartition>(partitions);
                foreach (var partition in _assigned.Keys)
                {
                    if (!wanted.Contains(partition))
                    {
                        removed.Add(partition);
                    }
                }

                RemoveLocked(removed);
            }

            foreach (var partition in partitions)
            {
                AddLocked(partition, Offset.Stored, awaitingHandler);
            }
        }

        foreach (var partition in partitions)
        {
            Cluster.AddTopic(partition.Topic);
        }

        Fetcher.Wake();
    }

    /// <summary>Lets the fetcher at partitions held for the assigned handler.</summary>
    public void ReleaseHandlerHold(List<TopicPartition> partitions)
    {
        lock (_lock)
        {
            foreach (var partition in partitions)
            {
                if (_assigned.TryGetValue(partition, out var state))
                {
                    state.AwaitingHandler = false;
                }
            }
        }

        Fetcher.Wake();
    }

    /// <summary>Drops <paramref name="partitions"/> from the assignment (a revocation).</summary>
    public void Remove(List<TopicPartition> partitions)
    {
        lock (_lock)
        {
            RemoveLocked(partitions);
        }
    }

    /// <summary>The assigned partitions, sorted.</summary>
    public List<TopicPartition> Assignment
    {
        get
        {
            List<TopicPartition> result;
            lock (_lock)
            {
                result = [.. _assigned.Keys];
            }

            result.Sort(Assignors.Assignments.Compare);
            return result;
        }
    }

    /// <summary>Moves the position of an assigned partition; special offsets reset it (Beginning, End, Stored).</summary>
    public void Seek(TopicPartitionOffset position)
    {
        ArgumentNullException.ThrowIfNull(position);
        lock (_lock)
        {
            var state = GetAssignedLocked(position.TopicPartition);
            var (offset, reset) = Resolve(position.Offset);
            state.Jump(offset, reset);
            if (position.Offset.Value >= 0 && position.LeaderEpoch is { } epoch)
            {
                state.PositionLeaderEpoch = epoch;
            }
        }

        Fetcher.Wake();
    }

    /// <summary>Resets the positions of assigned partitions to the log start or end (ListOffsets in the background).</summary>
    public void SeekTo(IEnumerable<TopicPartition> partitions, bool beginning)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        lock (_lock)
        {
            foreach (var partition in partitions)
            {
                GetAssignedLocked(partition).Jump(-1, beginning ? OffsetReset.Earliest : OffsetReset.Latest);
            }
        }

        Fetcher.Wake();
    }

    /// <summary>The position (next offset Consume returns) of an assigned partition, or <see cref="Offset.Unset"/> while it is being looked up.</summary>
    public Offset Position(TopicPartition partition)
    {
        lock (_lock)
        {
            var state = GetAssignedLocked(partition);
            return state.Reset == OffsetReset.None && state.Position >= 0 ? new Offset(state.Position) : Offset.Unset;
        }
    }

    /// <summary>The high watermark and log start offset the last fetch saw, or <see cref="Offset.Unset"/> when unknown.</summary>
    public WatermarkOffsets GetWatermarkOffsets(TopicPartition partition)
    {
        lock (_lock)
        {
            if (!_assigned.TryGetValue(partition, out var state))
            {
                return new WatermarkOffsets(Offset.Unset, Offset.Unset);
            }

            return new WatermarkOffsets(state.LogStartOffset >= 0 ? state.LogStartOffset : Offset.Unset, state.HighWatermark >= 0 ? state.HighWatermark : Offset.Unset);
        }
    }

    /// <summary>Stops or resumes fetching and returning records of assigned partitions; buffered data of paused partitions is dropped.</summary>
    public void SetPaused(IEnumerable<TopicPartition> partitions, bool paused)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        lock (_lock)
        {
            foreach (var partition in partitions)
            {
                var state = GetAssignedLocked(partition);
                if (state.Paused == paused)
                {
                    continue;
                }

                state.Paused = paused;
                if (paused && state.Reset == OffsetReset.None && state.Position >= 0)
                {
                    // Keep the position, forget what was fetched beyond it.
                    var epoch = state.PositionLeaderEpoch;
                    state.Jump(state.Position, OffsetReset.None);
                    state.PositionLeaderEpoch = epoch;
                }
            }
        }

        Fetcher.Wake();
    }

    /// <summary>The positions of <paramref name="partitions"/> (or of every assigned partition) that are known.</summary>
    public List<TopicPartitionOffset> Positions(IEnumerable<TopicPartition>? partitions = null)
    {
        var result = new List<TopicPartitionOffset>();
        lock (_lock)
        {
            if (partitions is null)
            {
                foreach (var state in _assigned.Values)
                {
                    AddPosition(state, result);
                }
            }
            else
            {
                foreach (var partition in partitions)
                {
                    if (_assigned.TryGetValue(partition, out var state))
                    {
                        AddPosition(state, result);
                    }
                }
            }
        }

        result.Sort(static (a, b) => Assignors.Assignments.Compare(a.TopicPartition, b.TopicPartition));
        return result;

        static void AddPosition(PartitionState state, List<TopicPartitionOffset> result)
        {
            if (state.Reset == OffsetReset.None && state.Position >= 0)
            {
                result.Add(new TopicPartitionOffset(state.TopicPartition, state.Position, state.PositionLeaderEpoch >= 0 ? state.PositionLeaderEpoch : null));
            }
        }
    }

    /// <summary>The current position of each of <paramref name="partitions"/>, <see cref="Offset.Unset"/> when unknown (for revoke handlers).</summary>
    public List<TopicPartitionOffset> PositionsOrUnset(List<TopicPartition> partitions)
    {
        var result = new List<TopicPartitionOffset>(partitions.Count);
        lock (_lock)
        {
            foreach (var partition in partitions)
            {
                var offset = _assigned.TryGetValue(partition, out var state) && state.Reset == OffsetReset.None && state.Position >= 0
                    ? new Offset(state.Position)
                    : Offset.Unset;
                result.Add(new TopicPartitionOffset(partition, offset));
            }
        }

        return result;
    }

    internal static (long Offset, OffsetReset Reset) Resolve(Offset offset) => offset.Value switch
    {
        >= 0 => (offset.Value, OffsetReset.None),
        -2 => (-1, OffsetReset.Earliest),
        -1 => (-1, OffsetReset.Latest),
        _ => (-1, OffsetReset.Committed), // Stored, Unset: the committed offset, then auto.offset.reset
    };

    private PartitionState GetAssignedLocked(TopicPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return _assigned.TryGetValue(partition, out var state)
            ? state
            : throw new KafkaException(new KafkaError(LocalErrorCode.State, ErrorCode.UnknownTopicOrPartition, $"{partition} is not assigned to this consumer."));
    }

    private void AddLocked(TopicPartition partition, Offset offset, bool awaitingHandler)
    {
        if (partition.Partition.Value < 0)
        {
            throw new ArgumentException($"{partition} names no partition.", nameof(partition));
        }

        var (position, reset) = Resolve(offset);
        if (_assigned.TryGetValue(partition, out var existing))
        {
            if (offset.Value >= 0 || offset.Value is -1 or -2)
            {
                existing.Jump(position, reset);
            }

            existing.AwaitingHandler |= awaitingHandler;
            return;
        }

        var state = new PartitionState(partition) { AwaitingHandler = awaitingHandler };
        state.Jump(position, reset);
        _assigned[partition] = state;
    }

    private void RemoveLocked(List<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            if (_assigned.Remove(partition, out var state))
            {
                state.Removed = true;
                state.Buffered.Clear();
                state.Current = null;
            }
        }
    }

    private void RemoveAllLocked() => RemoveLocked([.. _assigned.Keys]);
}
