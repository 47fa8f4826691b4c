namespace ActorStream.Broker.Groups;

/// <summary>Marker for the commands a <see cref="GroupRegistryActor"/> accepts (see <see cref="GroupRegistryProtocol"/>).</summary>
public interface IGroupRegistryCommand;
