namespace ActorStream.Broker.Producers;

/// <summary>Marker for the commands of <see cref="ProducerIdManagerActor"/> (see <see cref="ProducerIdProtocol"/>).</summary>
public interface IProducerIdCommand;
