namespace ActorStream.Client.Admin;

/// <summary>Options of DescribeConfigsAsync.</summary>
public sealed class DescribeConfigsOptions : AdminOptions
{
    /// <summary>Also return each entry's synonyms (DescribeConfigs v1+).</summary>
    public bool IncludeSynonyms { get; set; }

    /// <summary>Also return each entry's documentation (DescribeConfigs v3+).</summary>
    public bool IncludeDocumentation { get; set; }
}
