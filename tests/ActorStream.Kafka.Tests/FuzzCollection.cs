namespace ActorStream.Kafka.Tests;

/// <summary>Specs that measure the process (memory, throughput) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "Fuzz";
}
