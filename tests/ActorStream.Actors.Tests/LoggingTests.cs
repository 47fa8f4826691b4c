using System.Collections.Concurrent;
using ActorStream.Actor;
using ActorStream.Configuration;
using ActorStream.Event;
using Microsoft.Extensions.Logging;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ActorStream.Actors.Tests;

/// <summary>The bridge from actor logging to Microsoft.Extensions.Logging, and level filtering.</summary>
public sealed class LoggingTests : IAsyncLifetime
{
    private readonly CollectingProvider _provider = new();
    private readonly List<ActorSystem> _systems = [];

    private sealed record Entry(string Category, MelLogLevel Level, string Text, Exception? Exception);

    private sealed class CollectingProvider : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Collector(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(MelLogLevel logLevel) => true;

            public void Log<TState>(MelLogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
        }
    }

    private sealed class Chatty : ReceiveActor
    {
        public Chatty()
        {
            var log = Context.GetLogger();
            Receive<string>(s => s == "all", _ =>
            {
                log.Debug("debug {0}", 1);
                log.Info("info {Count} and {Name}", 2, "named");
                log.Warning("warning {0}", 3);
                log.Error(new InvalidOperationException("cause"), "error {0}", 4);
                Sender.Tell("logged");
            });
        }
    }

    private ActorSystem CreateSystem(string name, string loglevel)
    {
        var factory = LoggerFactory.Create(b => b.AddProvider(_provider).SetMinimumLevel(MelLogLevel.Trace));
        var setup = BootstrapSetup.Create()
            .WithConfig(ConfigurationFactory.ParseString($"actorstream.loglevel = {loglevel}"))
            .WithLoggerFactory(factory);
        var system = ActorSystem.Create(name, setup);
        _systems.Add(system);
        return system;
    }

    private async Task<List<Entry>> LogAllAndWaitAsync(ActorSystem system, Func<List<Entry>, bool> done)
    {
        var actor = system.ActorOf(Props.Create(() => new Chatty()), "chatty");
        Assert.Equal("logged", await actor.Ask<string>("all", TimeSpan.FromSeconds(3)));
        var deadline = TimeSpan.FromSeconds(5);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var entries = _provider.Entries.Where(e => e.Category == typeof(Chatty).FullName).ToList();
            if (done(entries))
            {
                return entries;
            }

            Assert.True(stopwatch.Elapsed < deadline, $"log entries did not arrive; saw: {string.Join(" | ", entries.Select(e => e.Text))}");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task GetLogger_Info_ArrivesInLoggerFactoryWithFormattedTextAndCategory()
    {
        var system = CreateSystem("logging-info", "INFO");
        var entries = await LogAllAndWaitAsync(system, e => e.Count >= 3);

        var info = Assert.Single(entries, e => e.Level == MelLogLevel.Information);
        Assert.Contains("info 2 and named", info.Text, StringComparison.Ordinal);
        Assert.Contains("akka://logging-info/user/chatty", info.Text, StringComparison.Ordinal);
        Assert.Contains(entries, e => e.Level == MelLogLevel.Warning && e.Text.Contains("warning 3", StringComparison.Ordinal));
        var error = Assert.Single(entries, e => e.Level == MelLogLevel.Error);
        Assert.Contains("error 4", error.Text, StringComparison.Ordinal);
        Assert.Equal("cause", error.Exception?.Message);
        Assert.DoesNotContain(entries, e => e.Level == MelLogLevel.Debug);
    }

    [Fact]
    public async Task LogLevel_Warning_FiltersInfoAndDebug()
    {
        var system = CreateSystem("logging-warning", "WARNING");
        var entries = await LogAllAndWaitAsync(system, e => e.Any(x => x.Level == MelLogLevel.Error));
        Assert.Equal(new[] { MelLogLevel.Warning, MelLogLevel.Error }, entries.Select(e => e.Level));
    }

    [Fact]
    public async Task LogLevel_Debug_PassesEverything()
    {
        var system = CreateSystem("logging-debug", "DEBUG");
        var entries = await LogAllAndWaitAsync(system, e => e.Any(x => x.Level == MelLogLevel.Error));
        Assert.Equal(new[] { MelLogLevel.Debug, MelLogLevel.Information, MelLogLevel.Warning, MelLogLevel.Error }, entries.Select(e => e.Level));
        Assert.Contains("debug 1", entries[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogLevel_Off_PublishesNothing()
    {
        var system = CreateSystem("logging-off", "OFF");
        var actor = system.ActorOf(Props.Create(() => new Chatty()), "chatty");
        Assert.Equal("logged", await actor.Ask<string>("all", TimeSpan.FromSeconds(3)));

        // A marker logged through the system logger at ERROR cannot pass OFF either; a direct Error event does.
        system.EventStream.Publish(new Error(null, "marker", typeof(Chatty), "marker"));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (!_provider.Entries.Any(e => e.Text.Contains("marker", StringComparison.Ordinal)))
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), "the marker never arrived");
            await Task.Delay(10);
        }

        Assert.Equal(new[] { "[marker] marker" }, _provider.Entries.Where(e => e.Category == typeof(Chatty).FullName).Select(e => e.Text));
    }

    [Theory]
    [InlineData("debug", ActorStream.Event.LogLevel.DebugLevel)]
    [InlineData("INFO", ActorStream.Event.LogLevel.InfoLevel)]
    [InlineData("Warn", ActorStream.Event.LogLevel.WarningLevel)]
    [InlineData("WARNING", ActorStream.Event.LogLevel.WarningLevel)]
    [InlineData("error", ActorStream.Event.LogLevel.ErrorLevel)]
    [InlineData("off", ActorStream.Event.LogLevel.Off)]
    public void LogLevelFor_ParsesNames(string text, ActorStream.Event.LogLevel expected)
    {
        Assert.Equal(expected, Logging.LogLevelFor(text));
    }

    [Fact]
    public void LogLevelFor_Unknown_Throws()
    {
        Assert.Throws<ArgumentException>(() => Logging.LogLevelFor("LOUD"));
    }

    [Fact]
    public void LogEvent_FormattedMessage_FillsPositionalAndNamedHoles()
    {
        var info = new Info("src", typeof(LoggingTests), "a {0} b {1} c {{literal}} {0}", 1, "two");
        Assert.Equal("a 1 b two c {literal} 1", info.FormattedMessage);
        Assert.Equal("x 1 y two", new Info("src", typeof(LoggingTests), "x {First} y {Second}", 1, "two").FormattedMessage);
        Assert.Equal("missing {5}", new Info("src", typeof(LoggingTests), "missing {5}", 1).FormattedMessage);
        Assert.Equal(ActorStream.Event.LogLevel.InfoLevel, info.Level);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var system in _systems)
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
