namespace ActorStream.Client.Configuration;

/// <summary>The value type of a configuration property, which decides how its string is validated.</summary>
internal enum ConfigType
{
    String,
    Int,
    Long,
    Boolean,
    List,
    Enum,
}
