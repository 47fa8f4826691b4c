namespace ActorStream.Broker.Groups;

/// <summary>Marker for the commands <see cref="GroupCoordinatorState.Handle"/> accepts (see <see cref="GroupProtocol"/>).</summary>
public interface IGroupCommand;
