using ActorStream.Actor;
using ActorStream.Configuration;

namespace ActorStream.Persistence.Sql.Tests;

/// <summary>
/// Persistent actors on the real plugins, chosen by HOCON: what one actor system stored, a new
/// system (a restarted process) recovers — events, snapshots and sequence numbers.
/// </summary>
public sealed class PersistentActorOverSqlTests : IClassFixture<PostgresSchemaFixture>, IDisposable
{
    private readonly PostgresSchemaFixture _postgres;
    private readonly TempDirectory _dir = new();

    public PersistentActorOverSqlTests(PostgresSchemaFixture postgres) => _postgres = postgres;

    public void Dispose() => _dir.Dispose();

    private Config PluginConfig(string plugin) => plugin switch
    {
        "sqlite" => ConfigurationFactory.ParseString($$"""
            actorstream.loglevel = WARNING
            actorstream.persistence {
              journal.plugin = "actorstream.persistence.journal.sqlite"
              journal.sqlite.data-source = "{{_dir.File("journal.db")}}"
              snapshot-store.plugin = "actorstream.persistence.snapshot-store.sqlite"
              snapshot-store.sqlite.data-source = "{{_dir.File("snapshots.db")}}"
            }
            """),
        _ => ConfigurationFactory.ParseString($$"""
            actorstream.loglevel = WARNING
            actorstream.persistence {
              journal.plugin = "actorstream.persistence.journal.postgres"
              journal.postgres { connection-string = "{{_postgres.ConnectionString}}", schema = "{{_postgres.Schema}}" }
              snapshot-store.plugin = "actorstream.persistence.snapshot-store.postgres"
              snapshot-store.postgres { connection-string = "{{_postgres.ConnectionString}}", schema = "{{_postgres.Schema}}" }
            }
            """),
    };

    /// <summary>Appends strings; "get" answers "items@lastSequenceNr"; "snap" saves a snapshot and answers once stored.</summary>
    private sealed class Journaled : ReceivePersistentActor
    {
        private readonly List<string> _items = [];
        private IActorRef? _snapshotRequester;

        public Journaled(string id)
        {
            PersistenceId = id;
            Recover<SnapshotOffer>(o => _items.AddRange(((string)o.Snapshot).Split(',', StringSplitOptions.RemoveEmptyEntries)));
            Recover<string>(_items.Add);
            Command<string>(s => s == "get", _ => Sender.Tell($"{string.Join(",", _items)}@{LastSequenceNr}"));
            Command<string>(s => s == "snap", _ =>
            {
                _snapshotRequester = Sender;
                SaveSnapshot(string.Join(",", _items));
            });
            Command<SaveSnapshotSuccess>(s => _snapshotRequester?.Tell($"snapshot@{s.Metadata.SequenceNr}"));
            Command<SaveSnapshotFailure>(f => _snapshotRequester?.Tell($"snapshot-failed:{f.Cause.Message}"));
            Command<string>(s => PersistAsync(s, e =>
            {
                _items.Add(e);
                Sender.Tell($"stored:{e}");
            }));
        }

        public override string PersistenceId { get; }
    }

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    private static async Task<string> AskAsync(IActorRef actor, string message) => await actor.Ask<string>(message, s_timeout);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Persist_NewActorSystemOnSameStore_RecoversEventsAndSequenceNr(string plugin)
    {
        var id = "actor-" + Guid.NewGuid().ToString("N")[..8];
        using (var first = ActorSystem.Create("first", PluginConfig(plugin)))
        {
            var actor = first.ActorOf(Props.Create(() => new Journaled(id)));
            var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => AskAsync(actor, $"e{i}")));
            Assert.Equal(Enumerable.Range(0, 50).Select(i => $"stored:e{i}"), replies);
            await first.Terminate();
        }

        using var second = ActorSystem.Create("second", PluginConfig(plugin));
        var recovered = second.ActorOf(Props.Create(() => new Journaled(id)));
        var state = await AskAsync(recovered, "get");
        Assert.Equal(string.Join(",", Enumerable.Range(0, 50).Select(i => $"e{i}")) + "@50", state);
        Assert.Equal("stored:more", await AskAsync(recovered, "more"));
        Assert.EndsWith("@51", await AskAsync(recovered, "get"), StringComparison.Ordinal);
        await second.Terminate();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Snapshot_NewActorSystem_RecoversFromSnapshotPlusLaterEvents(string plugin)
    {
        var id = "snap-" + Guid.NewGuid().ToString("N")[..8];
        using (var first = ActorSystem.Create("first", PluginConfig(plugin)))
        {
            var actor = first.ActorOf(Props.Create(() => new Journaled(id)));
            Assert.Equal("stored:a", await AskAsync(actor, "a"));
            Assert.Equal("stored:b", await AskAsync(actor, "b"));
            Assert.Equal("snapshot@2", await AskAsync(actor, "snap"));
            Assert.Equal("stored:c", await AskAsync(actor, "c"));
            await first.Terminate();
        }

        using var second = ActorSystem.Create("second", PluginConfig(plugin));
        var recovered = second.ActorOf(Props.Create(() => new Journaled(id)));
        Assert.Equal("a,b,c@3", await AskAsync(recovered, "get"));
        await second.Terminate();
    }
}
