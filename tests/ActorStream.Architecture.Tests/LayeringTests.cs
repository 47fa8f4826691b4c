using System.Reflection;

namespace ActorStream.Architecture.Tests;

/// <summary>
/// References point down the stack only (as Kafka's import-control enforces): each assembly may
/// reference only the ActorStream assemblies listed for it, and nothing in production references
/// xUnit or the TestKit.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Dictionary<string, string[]> s_allowed = new(StringComparer.Ordinal)
    {
        ["ActorStream.Hocon"] = [],
        ["ActorStream.Actors"] = ["ActorStream.Hocon"],
        ["ActorStream.TestKit"] = ["ActorStream.Hocon", "ActorStream.Actors"],
        ["ActorStream.Persistence"] = ["ActorStream.Hocon", "ActorStream.Actors"],
        ["ActorStream.Persistence.Sql"] = ["ActorStream.Hocon", "ActorStream.Persistence"],
        ["ActorStream.Persistence.Tck"] = ["ActorStream.Hocon", "ActorStream.Persistence"],
        ["ActorStream.Kafka.Protocol"] = [],
        ["ActorStream.Kafka.Network"] = ["ActorStream.Hocon"],
        ["ActorStream.Broker"] = ["ActorStream.Hocon", "ActorStream.Actors", "ActorStream.Persistence", "ActorStream.Kafka.Protocol"],
        ["ActorStream.Kafka"] = ["ActorStream.Hocon", "ActorStream.Actors", "ActorStream.Persistence", "ActorStream.Kafka.Protocol", "ActorStream.Kafka.Network", "ActorStream.Broker"],
        // The client speaks the Kafka protocol: codecs only, no actors, no broker (it must work against any Kafka broker).
        ["ActorStream.Client"] = ["ActorStream.Kafka.Protocol"],
        // An embedded node: the broker stack plus the client, joined by the in-process transport.
        ["ActorStream.Hosting"] = ["ActorStream.Hocon", "ActorStream.Actors", "ActorStream.Persistence", "ActorStream.Persistence.Sql", "ActorStream.Kafka.Protocol", "ActorStream.Kafka.Network", "ActorStream.Broker", "ActorStream.Kafka", "ActorStream.Client"],
    };

    private static readonly string[] s_testOnly = ["xunit.core", "xunit.assert", "xunit.abstractions", "xunit.execution.dotnet"];

    public static TheoryData<string> Assemblies => new(s_allowed.Keys);

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Assembly_ReferencesOnlyTheLayersBelowIt(string name)
    {
        var assembly = Assembly.Load(name);
        var ours = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(r => r.StartsWith("ActorStream.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var unexpected = ours.Except(s_allowed[name]).ToList();
        Assert.True(unexpected.Count == 0, $"{name} must not reference {string.Join(", ", unexpected)} (allowed: {string.Join(", ", s_allowed[name])})");
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void ProductionAssembly_DoesNotReferenceXunit(string name)
    {
        if (name is "ActorStream.TestKit" or "ActorStream.Persistence.Tck")
        {
            return; // test support by design, referenced only by test projects
        }

        var references = Assembly.Load(name).GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.DoesNotContain(references, r => s_testOnly.Contains(r, StringComparer.OrdinalIgnoreCase) || r == "ActorStream.TestKit");
    }

    [Fact]
    public void KafkaProtocol_UsesNoActorOrBrokerNamespace()
    {
        var assembly = Assembly.Load("ActorStream.Kafka.Protocol");
        var referenced = assembly.GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.DoesNotContain(referenced, r => r.StartsWith("ActorStream.", StringComparison.Ordinal));
        Assert.All(assembly.GetTypes(), t => Assert.StartsWith("ActorStream.Kafka.Protocol", t.Namespace ?? "ActorStream.Kafka.Protocol", StringComparison.Ordinal));
    }
}
