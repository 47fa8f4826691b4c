namespace ActorStream.Client.Admin;

/// <summary>A described configuration entry. Immutable.</summary>
/// <param name="Name">The property.</param>
/// <param name="Value">Its value (null if sensitive or unset).</param>
/// <param name="IsDefault">True if it has its default value.</param>
/// <param name="IsReadOnly">True if it cannot be altered.</param>
/// <param name="IsSensitive">True for secrets (then <paramref name="Value"/> is null).</param>
/// <param name="Source">Where the value comes from.</param>
/// <param name="Synonyms">Properties that supply it, in precedence order (when asked for).</param>
/// <param name="Documentation">Its documentation (when asked for and available).</param>
public sealed record ConfigEntryResult(string Name, string? Value, bool IsDefault, bool IsReadOnly, bool IsSensitive, ConfigSource Source,
    List<ConfigSynonym> Synonyms, string? Documentation);
