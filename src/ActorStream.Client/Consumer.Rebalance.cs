using ActorStream.Client.Consuming;

namespace ActorStream.Client;

/// <content>Subscription, assignment and the rebalance events the membership loop queues for Consume.</content>
public sealed partial class Consumer<TKey, TValue>
{
    /// <inheritdoc />
    public void Subscribe(IEnumerable<string> topics)
    {
        ThrowIfClosed();
        _core.Subscribe(topics);
    }

    /// <inheritdoc />
    public void Subscribe(string topic) => Subscribe([topic]);

    /// <inheritdoc />
    public void Unsubscribe()
    {
        ThrowIfClosed();
        if (_core.Mode != ConsumerCore.SubscriptionMode.Subscribe)
        {
            return;
        }

        _core.DiscardEvents();
        try
        {
            RevokeAll();
        }
        finally
        {
            _core.EndSubscription();
        }
    }

    /// <inheritdoc />
    public void Assign(TopicPartition partition) => Assign([new TopicPartitionOffset(partition, Offset.Unset)]);

    /// <inheritdoc />
    public void Assign(TopicPartitionOffset partition) => Assign([partition]);

    /// <inheritdoc />
    public void Assign(IEnumerable<TopicPartition> partitions) => Assign(WithOffset(partitions, Offset.Unset));

    /// <inheritdoc />
    public void Assign(IEnumerable<TopicPartitionOffset> partitions)
    {
        ThrowIfClosed();
        _core.Assign(partitions);
    }

    /// <inheritdoc />
    public void IncrementalAssign(IEnumerable<TopicPartition> partitions) => IncrementalAssign(WithOffset(partitions, Offset.Unset));

    /// <inheritdoc />
    public void IncrementalAssign(IEnumerable<TopicPartitionOffset> partitions)
    {
        ThrowIfClosed();
        _core.IncrementalAssign(partitions);
    }

    /// <inheritdoc />
    public void IncrementalUnassign(IEnumerable<TopicPartition> partitions)
    {
        ThrowIfClosed();
        _core.IncrementalUnassign(partitions);
    }

    /// <inheritdoc />
    public void Unassign()
    {
        ThrowIfClosed();
        if (_core.Mode == ConsumerCore.SubscriptionMode.Subscribe)
        {
            throw new InvalidOperationException("The consumer is subscribed: call Unsubscribe instead.");
        }

        _core.Assign([]);
    }

    private static List<TopicPartitionOffset> WithOffset(IEnumerable<TopicPartition> partitions, Offset offset)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var result = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            result.Add(new TopicPartitionOffset(partition, offset));
        }

        return result;
    }

    /// <summary>Applies every queued rebalance event, running the handlers on this thread.</summary>
    private void ProcessEvents()
    {
        while (_core.TryTakeEvent(out var queued))
        {
            switch (queued)
            {
                case ConsumerEvents.PartitionsRevoked revoked:
                    Revoke(revoked);
                    break;
                case ConsumerEvents.PartitionsAssigned assigned:
                    AssignFromGroup(assigned);
                    break;
                case ConsumerEvents.ConsumerError { Fatal: true } error:
                    throw new ConsumeException(null, error.Error);
                case ConsumerEvents.ConsumerError error:
                    _handlers.Error?.Invoke(this, error.Error);
                    break;
            }
        }
    }

    /// <summary>Commits (unless lost), tells the application, drops the partitions, then lets the membership loop go on.</summary>
    private void Revoke(ConsumerEvents.PartitionsRevoked revoked)
    {
        try
        {
            if (revoked.Partitions.Count == 0)
            {
                return;
            }

            var positions = _core.PositionsOrUnset(revoked.Partitions);
            if (!revoked.Lost)
            {
                _core.CommitBeforeRevoke(revoked.Partitions);
            }

            var handler = revoked.Lost ? _handlers.Lost ?? _handlers.Revoked : _handlers.Revoked;
            handler?.Invoke(this, positions);
        }
        finally
        {
            _core.Remove(revoked.Partitions);
            revoked.Done.TrySetResult();
        }
    }

    private void AssignFromGroup(ConsumerEvents.PartitionsAssigned assigned)
    {
        if (assigned.MembershipEpoch != _core.MembershipEpoch)
        {
            return; // from before an Unsubscribe
        }

        var handler = _handlers.Assigned;
        _core.ApplyGroupAssignment(assigned.Partitions, assigned.Incremental, awaitingHandler: handler is not null);
        if (handler is null)
        {
            return;
        }

        try
        {
            var offsets = handler(this, [.. assigned.Partitions]);
            if (offsets is not null)
            {
                foreach (var offset in offsets)
                {
                    if (offset is not null && offset.Offset != Offset.Unset && offset.Offset != Offset.Stored && _core.Assignment.Contains(offset.TopicPartition))
                    {
                        _core.Seek(offset);
                    }
                }
            }
        }
        finally
        {
            _core.ReleaseHandlerHold(assigned.Partitions);
        }
    }

    /// <summary>Gives up the whole assignment (Unsubscribe, Close): commit when auto-commit is on, then the revoked handler.</summary>
    private void RevokeAll()
    {
        var assigned = _core.Assignment;
        if (assigned.Count == 0)
        {
            return;
        }

        var positions = _core.PositionsOrUnset(assigned);
        _core.CommitBeforeRevoke(assigned);
        if (_core.Mode == ConsumerCore.SubscriptionMode.Subscribe)
        {
            _handlers.Revoked?.Invoke(this, positions);
        }
    }
}
