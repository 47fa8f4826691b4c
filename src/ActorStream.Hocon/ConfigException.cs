namespace ActorStream.Configuration;

/// <summary>
/// A configuration problem: a value of the wrong type, an unresolvable or cyclic substitution, a missing
/// required include, or (as <see cref="ConfigParseException"/>) invalid syntax.
/// </summary>
public class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
