namespace ActorStream.Configuration;

/// <summary>Where a value or token came from: a file name (or <c>&lt;string&gt;</c>) and a 1-based line.</summary>
internal readonly record struct SourceLocation(string? Source, int Line)
{
    public override string ToString() => Source is null ? "<unknown>" : $"{Source}:{Line}";
}
