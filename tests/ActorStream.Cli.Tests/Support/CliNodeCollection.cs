namespace ActorStream.Cli.Tests.Support;

/// <summary>The specs that share one node (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class CliNodeCollection : ICollectionFixture<CliNodeFixture>
{
    public const string Name = "cli node";
}
