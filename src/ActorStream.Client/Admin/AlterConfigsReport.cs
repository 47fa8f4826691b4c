namespace ActorStream.Client.Admin;

/// <summary>The outcome of altering one resource's configuration. Immutable.</summary>
/// <param name="ConfigResource">The resource.</param>
/// <param name="Error">The error, or <see cref="KafkaError.NoError"/>.</param>
public sealed record AlterConfigsReport(ConfigResource ConfigResource, KafkaError Error);
