namespace ActorStream.Broker.Groups;

/// <summary>
/// Commands of the <see cref="GroupRegistryActor"/> and its replies. Register and Unregister are
/// idempotent: registering a known id or unregistering an unknown one persists nothing. Immutable.
/// </summary>
public static class GroupRegistryProtocol
{
    /// <summary>
    /// Adds <paramref name="GroupId"/>; answered with <see cref="Registered"/> once the id is durable (at
    /// once when it already was).
    /// </summary>
    public sealed record Register(string GroupId) : IGroupRegistryCommand;

    /// <summary>The answer to <see cref="Register"/>: the id is in the registry's journal.</summary>
    public sealed record Registered(string GroupId);

    /// <summary>Removes <paramref name="GroupId"/>. Not answered.</summary>
    public sealed record Unregister(string GroupId) : IGroupRegistryCommand;

    /// <summary>Asks for every registered group id; answered with <see cref="GroupIds"/>.</summary>
    public sealed record GetGroupIds : IGroupRegistryCommand
    {
        /// <summary>The single instance.</summary>
        public static GetGroupIds Instance { get; } = new();

        private GetGroupIds()
        {
        }
    }

    /// <summary>The registered group ids in ordinal order.</summary>
    public sealed record GroupIds(IReadOnlyList<string> Ids);
}
