namespace ActorStream.Broker.Topics;

/// <summary>Marker for the durable events of the topic manager (see <see cref="TopicEvents"/>).</summary>
public interface ITopicEvent;
