namespace ActorStream.Client.Network;

/// <summary>The kind of coordinator FindCoordinator looks up (its key_type).</summary>
internal enum CoordinatorType : sbyte
{
    /// <summary>A consumer group's coordinator (key = group id).</summary>
    Group = 0,

    /// <summary>A transactional producer's coordinator (key = transactional id).</summary>
    Transaction = 1,
}
