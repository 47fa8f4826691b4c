namespace ActorStream.Client.Admin;

/// <summary>Another property that supplies a config entry's value, in precedence order. Immutable.</summary>
/// <param name="Name">The property name (e.g. log.retention.ms for retention.ms).</param>
/// <param name="Value">Its value.</param>
/// <param name="Source">Where it comes from.</param>
public sealed record ConfigSynonym(string Name, string? Value, ConfigSource Source);
