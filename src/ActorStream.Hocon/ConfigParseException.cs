namespace ActorStream.Configuration;

/// <summary>
/// Invalid HOCON syntax. The message reads <c>source:line:column: what was expected and what was found</c>;
/// the source is the file path or <c>&lt;string&gt;</c>.
/// </summary>
public sealed class ConfigParseException : ConfigException
{
    public ConfigParseException(string source, int line, int column, string detail)
        : base($"{source}:{line}:{column}: {detail}")
    {
        SourceName = source;
        Line = line;
        Column = column;
        Detail = detail;
    }

    /// <summary>The file path, resource name or <c>&lt;string&gt;</c>.</summary>
    public string SourceName { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Detail { get; }
}
