using ActorStream.Actor;
using ActorStream.Configuration;

namespace ActorStream.TestKit.Tests;

public sealed class TestKitLifecycleTests
{
    private sealed class Kit : Xunit2.TestKit
    {
        public Kit()
        {
        }

        public Kit(ActorSystem system)
            : base(system)
        {
        }

        public Kit(Config config, string name)
            : base(config, name)
        {
        }

        public bool AfterAllRan { get; private set; }

        protected override void AfterAll() => AfterAllRan = true;
    }

    [Fact]
    public void Dispose_TerminatesTheSystemAndRunsAfterAll()
    {
        var kit = new Kit();
        var system = kit.Sys;
        kit.Dispose();
        Assert.True(system.WhenTerminated.IsCompleted);
        Assert.True(kit.AfterAllRan);
    }

    [Fact]
    public void Constructor_GivenSystem_UsesIt()
    {
        var system = ActorSystem.Create("given-system", TestKitBase.DefaultConfig);
        using var kit = new Kit(system);
        Assert.Same(system, kit.Sys);
        Assert.Equal("given-system", kit.Sys.Name);
    }

    [Fact]
    public void Constructor_ConfigAndName_AppliesBoth()
    {
        using var kit = new Kit(ConfigurationFactory.ParseString("actorstream.actor.ask-timeout = 9s"), "named-kit");
        Assert.Equal("named-kit", kit.Sys.Name);
        Assert.Equal(TimeSpan.FromSeconds(9), kit.Sys.Settings.AskTimeout);
        Assert.Equal(Event.LogLevel.WarningLevel, kit.Sys.Settings.LogLevel);
    }

    [Fact]
    public void DefaultSystemName_IsTheKitsTypeName()
    {
        using var kit = new Kit();
        Assert.Equal("Kit", kit.Sys.Name);
        Assert.StartsWith("testActor", kit.TestActor.Path.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Shutdown_Verified_TerminatesSystem()
    {
        using var kit = new Kit();
        kit.Shutdown(TimeSpan.FromSeconds(5), verifySystemShutdown: true);
        Assert.True(kit.Sys.WhenTerminated.IsCompleted);
    }

    [Fact]
    public void ActorOf_Helpers_CreateUnderUser()
    {
        using var kit = new Kit();
        var actor = kit.ActorOf(Props.Create(() => new Echo()), "via-kit");
        Assert.Equal($"akka://{kit.Sys.Name}/user/via-kit", actor.Path.ToString());
        Assert.StartsWith("$", kit.ActorOf<Echo>().Path.Name, StringComparison.Ordinal);
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }
}
