namespace ActorStream.Client.Admin;

/// <summary>The configuration of one resource. Immutable.</summary>
/// <param name="ConfigResource">The resource.</param>
/// <param name="Entries">Its entries by name.</param>
public sealed record DescribeConfigsResult(ConfigResource ConfigResource, Dictionary<string, ConfigEntryResult> Entries);
