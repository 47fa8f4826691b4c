namespace ActorStream.Client.Admin;

/// <summary>The outcome for one topic. Immutable.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Error">The error, or <see cref="KafkaError.NoError"/>.</param>
public sealed record DeleteTopicReport(string Topic, KafkaError Error);
