namespace ActorStream.Kafka.Network.Tests;

/// <summary>Tests that measure process-wide memory or throughput run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NonParallelCollection
{
    public const string Name = "Non-parallel";
}
