namespace ActorStream.Client.Admin;

/// <summary>The configuration of one resource, or why it could not be described. Immutable.</summary>
/// <param name="ConfigResource">The resource.</param>
/// <param name="Entries">Its entries by name (empty on error).</param>
/// <param name="Error">The error, or <see cref="KafkaError.NoError"/>.</param>
public sealed record DescribeConfigsReport(ConfigResource ConfigResource, Dictionary<string, ConfigEntryResult> Entries, KafkaError Error);
