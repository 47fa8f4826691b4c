namespace ActorStream.Client.Admin;

/// <summary>The outcome for one group. Immutable.</summary>
/// <param name="Group">The group id.</param>
/// <param name="Error">The error, or <see cref="KafkaError.NoError"/>.</param>
public sealed record DeleteGroupReport(string Group, KafkaError Error);
