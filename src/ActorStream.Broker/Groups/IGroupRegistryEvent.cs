namespace ActorStream.Broker.Groups;

/// <summary>Marker for the durable events of the <see cref="GroupRegistryActor"/> (see <see cref="GroupRegistryEvents"/>).</summary>
public interface IGroupRegistryEvent;
