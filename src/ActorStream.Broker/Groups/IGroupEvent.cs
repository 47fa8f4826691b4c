namespace ActorStream.Broker.Groups;

/// <summary>
/// Marker for the durable events of a group (see <see cref="GroupEvents"/>). Replaying a group's events
/// through <see cref="GroupCoordinatorState.Apply"/> rebuilds its durable state.
/// </summary>
public interface IGroupEvent;
