namespace ActorStream.Client.Admin;

/// <summary>The state of a group as the coordinator reports it.</summary>
public enum ConsumerGroupState
{
    /// <summary>A state this client does not know.</summary>
    Unknown = 0,

    /// <summary>Members are (re)joining.</summary>
    PreparingRebalance = 1,

    /// <summary>Waiting for the leader's assignment.</summary>
    CompletingRebalance = 2,

    /// <summary>Members consume with their assignment.</summary>
    Stable = 3,

    /// <summary>The group is gone (or never existed).</summary>
    Dead = 4,

    /// <summary>No members; committed offsets may remain.</summary>
    Empty = 5,
}
