namespace ActorStream.Configuration;

/// <summary>The kind of a <see cref="HoconValue"/>.</summary>
public enum HoconValueType
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,

    /// <summary>A substitution, a concatenation holding one, or a merge waiting for one.</summary>
    Unresolved,
}
