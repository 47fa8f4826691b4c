namespace ActorStream.ClientCompat.Tests;

/// <summary>A node with auto.create.topics.enable = false.</summary>
public sealed class AutoCreateDisabledNodeFixture : NodeFixture
{
    protected override string BrokerConfig => """
        "group.initial.rebalance.delay.ms" = 100
        "auto.create.topics.enable" = false
        """;
}
