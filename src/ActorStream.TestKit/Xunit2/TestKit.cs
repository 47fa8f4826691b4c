using ActorStream.Actor;
using ActorStream.Configuration;
using ActorStream.TestKit.Internal;
using Xunit.Abstractions;

namespace ActorStream.TestKit.Xunit2;

/// <summary>
/// Base class for xUnit actor specs: one actor system per test instance (so per test), a test actor
/// as implicit sender, log events written to the test output, and a verified shutdown on Dispose.
/// </summary>
public class TestKit : TestKitBase, IDisposable
{
    private bool _disposed;

    public TestKit(ActorSystem? system = null, ITestOutputHelper? output = null)
    {
        Output = output;
        Initialize(system ?? ActorSystem.Create(DefaultSystemName(), DefaultConfig));
    }

    public TestKit(Config config, string? systemName = null, ITestOutputHelper? output = null)
    {
        Output = output;
        Initialize(ActorSystem.Create(systemName ?? DefaultSystemName(), config.WithFallback(DefaultConfig)));
    }

    public TestKit(string hocon, ITestOutputHelper? output = null)
        : this(ConfigurationFactory.ParseString(hocon), null, output)
    {
    }

    protected ITestOutputHelper? Output { get; }

    private void Initialize(ActorSystem system)
    {
        InitializeTest(system);
        if (Output is not null)
        {
            TestEventHub.For(system).Output = Output;
        }
    }

    private string DefaultSystemName()
    {
        var name = GetType().Name;
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(chars[i]) && chars[i] != '-' && chars[i] != '_')
            {
                chars[i] = '-';
            }
        }

        return chars.Length == 0 || !char.IsAsciiLetterOrDigit(chars[0]) ? "test" : new string(chars);
    }

    /// <summary>Called after the system terminated during Dispose.</summary>
    protected virtual void AfterAll()
    {
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        try
        {
            Shutdown(verifySystemShutdown: true);
        }
        finally
        {
            AfterAll();
        }
    }
}
