namespace ActorStream.Broker.Topics;

/// <summary>Marker for the commands <see cref="TopicManagerActor"/> handles (see <see cref="TopicProtocol"/>).</summary>
public interface ITopicCommand;
